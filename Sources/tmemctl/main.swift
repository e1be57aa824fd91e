import TmemCLI

Tmemctl.mainDispatchingOnName()
