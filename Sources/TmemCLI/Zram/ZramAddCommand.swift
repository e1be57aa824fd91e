import ArgumentParser
import TmemControl
import TmemCore
import TmemHost

struct ZramAddCommand: TmemCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Create a zram device, configure it in the kernel's order and print its name.",
        discussion: """
        The device is created with /sys/class/zram-control/hot_add and configured by writing comp_algorithm, \
        algorithm_params, recomp_algorithm, backing_dev, mem_limit and disksize in that order (the kernel accepts \
        algorithms, their parameters and the backing device only before disksize). With --swap a swap signature is written and the device is enabled as \
        swap. If any step fails the device is reset and removed again, so nothing is left half-configured. When \
        /sys/class/zram-control is missing and zram is a module that is not loaded, it is loaded first (as \
        `tmemctl module load --num-devices 0`, so that only the requested device exists).

        Sizes are read as zramctl reads them (util-linux strtosize): 4096, 512M, 1.5G, 2GiB, 4GB, or a \
        percentage of RAM such as 50%. \(SizeExpression.helpText). Neither size may be more than 16 times RAM.

        A device is created uninitialized only when asked (--uninitialized); otherwise --size is required. With \
        --swap and no --priority the swap priority is 100, as zram-generator and zramswap set it (the kernel's \
        own choice, -2 and below, ranks zram after a disk swap).

        Examples:
          tmemctl zram add --size 4G --algorithm lz4
          tmemctl zram add --size 50% --mem-limit 2G --swap --priority 100
          tmemctl zram add --size 1G --algorithm lz4 --dry-run
          tmemctl zram add --uninitialized
        """
    )

    @OptionGroup var rootOptions: RootOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Device size (disksize): 512M, 1.5G, 4GB (decimal), 50% of RAM.", valueName: "SIZE"),
            completion: SizeArgument.completion, transform: SizeArgument.parse)
    var size: SizeExpression?

    @Option(help: ArgumentHelp(ZramAlgorithmHelp.text("Compression algorithm"), valueName: "ALG"),
            completion: HostCompletion.zramAlgorithms)
    var algorithm: ZramAlgorithmName?

    @Option(help: ArgumentHelp("algorithm_params: key=value pairs such as 'level=3' (Linux 6.12+).", valueName: "PARAMS"))
    var algorithmParams: String?

    @Option(help: ArgumentHelp(ZramAlgorithmHelp.text("Secondary algorithm for recompression, priorities 1, 2, 3 in the order given (CONFIG_ZRAM_MULTI_COMP)"),
                               valueName: "ALG"),
            completion: HostCompletion.zramAlgorithms)
    var recompressionAlgorithm: [ZramAlgorithmName] = []

    @Option(help: ArgumentHelp("Block device for writeback of idle or incompressible pages (CONFIG_ZRAM_WRITEBACK).", valueName: "BLOCKDEV"),
            completion: .file())
    var backingDev: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Limit on the memory the device may use (mem_limit); 0 = none.", valueName: "SIZE"),
            completion: SizeArgument.completion, transform: SizeArgument.parse)
    var memLimit: SizeExpression?

    @Flag(help: "Create the device without a size (hot_add, then only the attributes given).")
    var uninitialized = false

    @Flag(help: "Write a swap signature and enable the device as swap (needs --size).")
    var swap = false

    /// zram-generator's and zramswap's default, so that zram is used before a disk swap.
    static let defaultSwapPriority = 100

    @Option(parsing: .unconditional, help: ArgumentHelp("Swap priority, -1 (kernel's choice) to 32767 (default: 100); needs --swap.", valueName: "N"))
    var priority: Int?

    @Flag(help: "Print the plan and change nothing.")
    var dryRun = false

    func validate() throws {
        if case .bytes(0) = size { throw ValidationError("--size 0 is not a device; give a size such as 512M or 25%") }
        if priority != nil && !swap { throw ValidationError("--priority applies to swap: add --swap") }
        if let p = priority, !SwapControl.priorityRange.contains(p) {
            throw ValidationError("--priority must be -1 (kernel's choice) or 0...32767, not \(p)")
        }
        if recompressionAlgorithm.count > 3 { throw ValidationError("zram has at most 3 recompression algorithms (priorities 1...3)") }
        if swap && size == nil { throw ValidationError("--swap needs --size (for example --size 50%)") }
        if uninitialized && size != nil { throw ValidationError("--uninitialized and --size contradict each other: drop one") }
        if !uninitialized && size == nil {
            throw ValidationError("give --size (for example --size 4G or --size 50%), or --uninitialized for a device without a size")
        }
    }

    func execute() throws {
        let root = rootOptions.systemRoot
        var request = ZramSetupRequest()
        request.disksize = try size.map { try bytes($0, root: root) }
        request.algorithm = algorithm?.rawValue
        request.algorithmParams = algorithmParams
        request.recompression = recompressionAlgorithm.enumerated().map { .init(algorithm: $0.element.rawValue, priority: $0.offset + 1) }
        request.backingDevice = backingDev
        request.memLimit = try memLimit.map { try bytes($0, root: root) }
        if swap { request.swap = .init(priority: priority ?? Self.defaultSwapPriority) }
        let provisioner = ZramProvisioner(root: root)
        try request.validateWithoutKernel()
        if dryRun {
            if let load = try provisioner.loadModuleIfNeeded(dryRun: true) {
                load.actions.forEach { print($0) }
                print("read /sys/class/zram-control/hot_add (creates zram0; the plan is checked after creating it)")
                return
            }
            guard let plan = try provisioner.plan(request) else {
                print("read hot_add (no zram device exists yet, so the plan is checked after creating one)")
                return
            }
            print("read /sys/class/zram-control/hot_add (creates the next free zramN)")
            for step in plan.steps { print(step) }
            return
        }
        // From here the kernel changes: a signal only sets a flag, and add() rolls back and removes the
        // device at its next checkpoint. The handlers stay until the name has reached stdout: a reader that
        // does not take it (a full pipe) and a Ctrl-C there must not leave a device, maybe active swap,
        // that nobody was told about.
        Interruption.install()
        defer { Interruption.restore() }
        let (device, _) = try provisioner.add(request)
        print(device.name)
        var undelivered: (any Error)?
        do { try Output.flush() } catch { undelivered = error }
        // A signal while the name was on its way stops the run even if the write then went through (a reader
        // that drains the pipe at that moment lets pipe_write finish before the signal is handled).
        if let signal = Interruption.pending {
            Output.withdrawPendingResults()
            throw provisioner.withdraw(device, interruptedBy: signal)
        }
        if let undelivered { throw undelivered }
    }
}
