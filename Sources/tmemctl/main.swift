import TmemCLI

Tmemctl.main()
