from wesaid.cli import main

main()
