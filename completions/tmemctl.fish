function __tmemctl_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tmemctl_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __tmemctl_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __tmemctl_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __tmemctl_parse_tokens -S
    set -l unparsed_tokens (__tmemctl_tokens -pc)
    switch $unparsed_tokens[1]
    case 'tmemctl'
        __tmemctl_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'status'
            __tmemctl_parse_subcommand -r 1 'root=' 'json' 'o/output=' 'output-all' 'b/bytes' 'raw' 'n/noheadings' 'all' 'version' 'h/help'
        case 'zram'
            __tmemctl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'add'
                __tmemctl_parse_subcommand 0 'root=' 'size=' 'algorithm=' 'algorithm-params=' 'recompression-algorithm=+' 'backing-dev=' 'mem-limit=' 'uninitialized' 'swap' 'priority=' 'dry-run' 'version' 'h/help'
            case 'set'
                __tmemctl_parse_subcommand 1 'root=' 'mem-limit=' 'reset-mem-used-max' 'compact' 'dry-run' 'version' 'h/help'
            case 'reset'
                __tmemctl_parse_subcommand -r 1 'root=' 'force' 'dry-run' 'version' 'h/help'
            case 'remove'
                __tmemctl_parse_subcommand -r 1 'root=' 'force' 'dry-run' 'version' 'h/help'
            end
        case 'zswap'
            __tmemctl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'show'
                __tmemctl_parse_subcommand 0 'root=' 'json' 'bytes' 'version' 'h/help'
            case 'set'
                __tmemctl_parse_subcommand 0 'root=' 'enabled=' 'compressor=' 'max-pool-percent=' 'accept-threshold-percent=' 'shrinker-enabled=' 'save=' 'force' 'dry-run' 'version' 'h/help'
            case 'restore'
                __tmemctl_parse_subcommand 1 'root=' 'dry-run' 'version' 'h/help'
            end
        case 'module'
            __tmemctl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'status'
                __tmemctl_parse_subcommand -r 1 'root=' 'json' 'version' 'h/help'
            case 'load'
                __tmemctl_parse_subcommand 1 'root=' 'num-devices=' 'options=' 'dry-run' 'json' 'version' 'h/help'
            end
        case 'boot'
            __tmemctl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'show'
                __tmemctl_parse_subcommand 0 'root=' 'json' 'version' 'h/help'
            case 'set'
                __tmemctl_parse_subcommand 0 'root=' 'zswap-enabled=' 'zswap-compressor=' 'zswap-max-pool-percent=' 'zswap-accept-threshold-percent=' 'zswap-shrinker-enabled=' 'zram-num-devices=' 'target=' 'dry-run' 'version' 'h/help'
            case 'unset'
                __tmemctl_parse_subcommand -r 1 'root=' 'target=' 'dry-run' 'version' 'h/help'
            end
        case 'config'
            __tmemctl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'show'
                __tmemctl_parse_subcommand 0 'root=' 'config=' 'json' 'version' 'h/help'
            case 'check'
                __tmemctl_parse_subcommand 0 'root=' 'config=' 'version' 'h/help'
            case 'import'
                __tmemctl_parse_subcommand 1 'root=' 'from=' 'o/output=' 'force' 'version' 'h/help'
            case 'wants'
                __tmemctl_parse_subcommand 0 'root=' 'config=' 'device=' 'version' 'h/help'
            end
        case 'plan'
            __tmemctl_parse_subcommand 0 'root=' 'config=' 'device=' 'json' 'version' 'h/help'
        case 'apply'
            __tmemctl_parse_subcommand 0 'root=' 'config=' 'device=' 'dry-run' 'check' 'reconfigure' 'teardown' 'no-activate' 'no-devices' 'json' 'version' 'h/help'
        case 'generate-units'
            __tmemctl_parse_subcommand -r 2 'root=' 'version' 'h/help'
        case 'compress'
            __tmemctl_parse_subcommand 1 'a/algorithm=' 'level=' 'window-bits=' 'kernel=' 'corpus=' 'builtin' 'pages=' 'seed=' 'summary' 'json' 'version' 'h/help'
        case 'corpus'
            __tmemctl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'builtin'
                __tmemctl_parse_subcommand 0 'o/output=' 'pages=' 'seed=' 'force' 'version' 'h/help'
            case 'capture'
                __tmemctl_parse_subcommand 0 'pid=' 'o/output=' 'max-pages=' 'force' 'root=' 'version' 'h/help'
            end
        case 'model'
            __tmemctl_parse_subcommand 0 'corpus=' 'builtin' 'pages=' 'seed=' 'algorithm=' 'level=' 'window-bits=' 'chain-size=' 'kernel=' 'mem-limit=' 'writeback=' 'backing-size=' 'json' 'root=' 'version' 'h/help'
        case 'verify'
            __tmemctl_parse_subcommand 0 'corpus=' 'builtin' 'pages=' 'seed=' 'algorithm=' 'level=' 'window-bits=' 'per-page' 'path=' 'zswap' 'writeback=' 'backing-device=' 'json' 'textfile=' 'root=' 'version' 'h/help'
        case 'advise'
            __tmemctl_parse_subcommand 0 'pid=' 'max-pages=' 'corpus=' 'builtin' 'pages=' 'seed=' 'pool-percent=' 'disksize=' 'json' 'textfile=' 'root=' 'version' 'h/help'
        case 'metrics'
            __tmemctl_parse_subcommand 0 'textfile=' 'root=' 'version' 'h/help'
        case 'watch'
            __tmemctl_parse_subcommand 0 'interval=' 'count=' 'json' 'root=' 'version' 'h/help'
        case 'bench'
            __tmemctl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'compress'
                __tmemctl_parse_subcommand 0 'a/algorithm=' 'pages=' 'seed=' 'rounds=' 'json' 'version' 'h/help'
            case 'model'
                __tmemctl_parse_subcommand 0 'size=' 'algorithm=' 'threads=' 'rounds=' 'seed=' 'json' 'root=' 'version' 'h/help'
            case 'tmem'
                __tmemctl_parse_subcommand 0 'a/algorithm=' 'pages=' 'seed=' 'rounds=' 'root=' 'json' 'version' 'h/help'
            case 'metrics'
                __tmemctl_parse_subcommand 0 'devices=' 'readings=' 'json' 'root=' 'version' 'h/help'
            end
        case 'simulate'
            __tmemctl_parse_subcommand 1 'workload=' 'memory=' 'mem-limit=' 'pool-mem-limit=' 'algorithm=' 'policy=' 'corpus=' 'seed=' 'reads=' 'zipf-exponent=' 'json' 'version' 'h/help'
        case 'help'
            __tmemctl_parse_subcommand -r 1 'version'
        end
    end
end

function __tmemctl_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __tmemctl_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __tmemctl_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __tmemctl_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__tmemctl_tokens -p)
    if test -z "$(__tmemctl_tokens -t)"
        set -l index (count (__tmemctl_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'tmemctl' -f
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl" -eq 1' -fa 'status' -d 'Show zram devices, zswap and active swap.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl" -eq 1' -fa 'zram' -d 'Add, change, reset and remove zram devices.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl" -eq 1' -fa 'zswap' -d 'Show and change zswap\'s parameters, save and restore them.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl" -eq 1' -fa 'module' -d 'Show whether zram is built in, loaded or loadable, and load it with options.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl" -eq 1' -fa 'boot' -d 'Show and change zswap and zram settings for the next boot.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl" -eq 1' -fa 'config' -d 'Show, check and import the configuration (tmemctl.conf, or zram-generator.conf when there is none).'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl" -eq 1' -fa 'plan' -d 'Show the actions that would make this host match the configuration; change nothing.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl" -eq 1' -fa 'apply' -d 'Make this host match the configuration (idempotent; --check for config management).'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl" -eq 1' -fa 'generate-units' -d 'Write the systemd units for the configured zram devices (the systemd generator).'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl" -eq 1' -fa 'compress' -d 'Compress a page corpus exactly as zram would, page by page.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl" -eq 1' -fa 'corpus' -d 'Write page corpora: the built-in mix, or a live process\'s anonymous memory.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl" -eq 1' -fa 'model' -d 'Predict zram\'s mm_stat for writing a corpus of pages to a fresh device.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl" -eq 1' -fa 'verify' -d 'Check the live kernel\'s zram (and zswap) counters against tmemctl\'s model, field by field.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl" -eq 1' -fa 'advise' -d 'Recommend a zram algorithm and disksize for a workload\'s pages.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl" -eq 1' -fa 'metrics' -d 'Print zram, zswap and swap figures as Prometheus metrics (text format 0.0.4).'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl" -eq 1' -fa 'watch' -d 'Show zram, zswap and swap activity per interval, live.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl" -eq 1' -fa 'bench' -d 'Measure tmemctl\'s pipelines against baselines in the same run.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl" -eq 1' -fa 'simulate' -d 'Drive the userspace tmem backend through the frontswap and cleancache ops tables.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl status" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl status" json' -l 'json' -d 'Print one JSON document instead of text.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl status" o output' -s 'o' -l 'output' -d 'Columns to show, e.g. NAME,DISKSIZE,DATA, or +HUGE to add to the defaults.' -rfka 'NAME DISKSIZE DATA COMPR ALGORITHM STREAMS ZERO-PAGES TOTAL MEM-LIMIT MEM-USED MIGRATED MOUNTPOINT COMP-RATIO HUGE HUGE-SINCE SWAP-PRIORITY SWAP'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl status" output-all' -l 'output-all' -d 'Show every column.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl status" b bytes' -s 'b' -l 'bytes' -d 'Print sizes in bytes.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl status" raw' -l 'raw' -d 'Separate columns with single spaces and do not align them.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl status" n noheadings' -s 'n' -l 'noheadings' -d 'Do not print the header line.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl status" all' -l 'all' -d 'Print the zswap and swap sections too when -o, --output-all, -n or --raw ask for the table alone.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl status" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl zram" -eq 1' -fa 'add' -d 'Create a zram device, configure it in the kernel\'s order and print its name.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl zram" -eq 1' -fa 'set' -d 'Change a live zram device: memory limit, peak counter, compaction.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl zram" -eq 1' -fa 'reset' -d 'Free a zram device\'s memory and return it to uninitialized.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl zram" -eq 1' -fa 'remove' -d 'Remove zram devices (hot_remove).'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram add" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram add" size' -l 'size' -d 'Device size (disksize): 512M, 1.5G, 4GB (decimal), 50% of RAM.' -rfka '256M 512M 1G 2G 4G 25% 50%'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram add" algorithm' -l 'algorithm' -d 'Compression algorithm (must be built into this kernel).' -rfka 'lzo-rle lzo lz4 lz4hc zstd deflate 842'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram add" algorithm-params' -l 'algorithm-params' -d 'algorithm_params: key=value pairs such as \'level=3\' (Linux 6.12+).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram add"' -l 'recompression-algorithm' -d 'Secondary algorithm for recompression, priorities 1, 2, 3 in the order given (CONFIG_ZRAM_MULTI_COMP).' -rfka 'lzo-rle lzo lz4 lz4hc zstd deflate 842'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram add" backing-dev' -l 'backing-dev' -d 'Block device for writeback of idle or incompressible pages (CONFIG_ZRAM_WRITEBACK).' -rF
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram add" mem-limit' -l 'mem-limit' -d 'Limit on the memory the device may use (mem_limit); 0 = none.' -rfka '256M 512M 1G 2G 4G 25% 50%'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram add" uninitialized' -l 'uninitialized' -d 'Create the device without a size (hot_add, then only the attributes given).'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram add" swap' -l 'swap' -d 'Write a swap signature and enable the device as swap (needs --size).'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram add" priority' -l 'priority' -d 'Swap priority, -1 (kernel\'s choice) to 32767 (default: 100); needs --swap.' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram add" dry-run' -l 'dry-run' -d 'Print the plan and change nothing.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram add" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram add" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram set" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram set" mem-limit' -l 'mem-limit' -d 'New mem_limit (512M, 1.5G, 4GB decimal, 25% of RAM); 0 removes it.' -rfka '256M 512M 1G 2G 4G 25% 50%'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram set" reset-mem-used-max' -l 'reset-mem-used-max' -d 'Reset mem_used_max to the current pool size.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram set" compact' -l 'compact' -d 'Compact the device\'s memory pool.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram set" dry-run' -l 'dry-run' -d 'Print what would be written and change nothing.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram set" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram set" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram reset" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram reset" force' -l 'force' -d 'swapoff a device that is swap first.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram reset" dry-run' -l 'dry-run' -d 'Print what would be done and change nothing.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram reset" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram reset" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram remove" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram remove" force' -l 'force' -d 'swapoff a device that is swap first.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram remove" dry-run' -l 'dry-run' -d 'Print what would be done and change nothing.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram remove" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zram remove" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zswap" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zswap" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl zswap" -eq 1' -fa 'show' -d 'Show zswap\'s parameters, pool size against its limit and stored pages.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl zswap" -eq 1' -fa 'set' -d 'Change zswap parameters, each read back; optionally save the old values first.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl zswap" -eq 1' -fa 'restore' -d 'Put zswap\'s parameters back from a file written by `zswap set --save`.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zswap show" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zswap show" json' -l 'json' -d 'Print one JSON document instead of text.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zswap show" bytes' -l 'bytes' -d 'Print sizes in bytes.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zswap show" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zswap show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zswap set" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zswap set" enabled' -l 'enabled' -d 'zswap.enabled: turn zswap on or off (Y/N, yes/no, 1/0, on/off).' -rfka 'Y N'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zswap set" compressor' -l 'compressor' -d 'zswap.compressor: a compressor from the crypto API (see /proc/crypto).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zswap set" max-pool-percent' -l 'max-pool-percent' -d 'zswap.max_pool_percent: the largest pool, in percent of RAM (0...100).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zswap set" accept-threshold-percent' -l 'accept-threshold-percent' -d 'zswap.accept_threshold_percent: after the pool filled, accept pages again below this percent of the limit (0...100).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zswap set" shrinker-enabled' -l 'shrinker-enabled' -d 'zswap.shrinker_enabled: let the shrinker write cold pages back to swap (Y/N).' -rfka 'Y N'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zswap set" save' -l 'save' -d 'Save the current parameters to FILE before changing them.' -rF
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zswap set" force' -l 'force' -d 'With --save: replace FILE if it exists.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zswap set" dry-run' -l 'dry-run' -d 'Print the writes and change nothing (no file is saved either).'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zswap set" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zswap set" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zswap restore" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl zswap restore" -eq 1' -F
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zswap restore" dry-run' -l 'dry-run' -d 'Print the writes and change nothing.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zswap restore" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl zswap restore" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl module" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl module" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl module" -eq 1' -fa 'status' -d 'Show the state of zram and zsmalloc: built in, loaded, loadable or missing, and why.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl module" -eq 1' -fa 'load' -d 'Load zram (or another module) as modprobe would, with options.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl module status" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl module status" json' -l 'json' -d 'Print one JSON document instead of text.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl module status" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl module status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl module load" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl module load" num-devices' -l 'num-devices' -d 'zram devices to create at load (num_devices, 0...1024).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl module load" options' -l 'options' -d 'Module options, as on a modprobe command line (\'key=value key=value\').' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl module load" dry-run' -l 'dry-run' -d 'Print what would be loaded (insmod lines) and change nothing.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl module load" json' -l 'json' -d 'Print one JSON document instead of text.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl module load" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl module load" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl boot" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl boot" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl boot" -eq 1' -fa 'show' -d 'Show zswap and zram boot parameters: running, configured, and what the next boot changes.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl boot" -eq 1' -fa 'set' -d 'Set zswap and zram parameters for the next boot.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl boot" -eq 1' -fa 'unset' -d 'Remove zswap and zram parameters from the boot configuration.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl boot show" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl boot show" json' -l 'json' -d 'Print one JSON document instead of text.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl boot show" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl boot show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl boot set" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl boot set" zswap-enabled' -l 'zswap-enabled' -d 'zswap.enabled: turn zswap on or off (Y/N, yes/no, 1/0, on/off).' -rfka 'Y N'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl boot set" zswap-compressor' -l 'zswap-compressor' -d 'zswap.compressor: a compressor from the crypto API (see /proc/crypto).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl boot set" zswap-max-pool-percent' -l 'zswap-max-pool-percent' -d 'zswap.max_pool_percent: the largest pool, in percent of RAM (0...100).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl boot set" zswap-accept-threshold-percent' -l 'zswap-accept-threshold-percent' -d 'zswap.accept_threshold_percent: after the pool filled, accept pages again below this percent of the limit (0...100).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl boot set" zswap-shrinker-enabled' -l 'zswap-shrinker-enabled' -d 'zswap.shrinker_enabled: let the shrinker write cold pages back to swap (Y/N).' -rfka 'Y N'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl boot set" zram-num-devices' -l 'zram-num-devices' -d 'zram.num_devices: zram devices created at boot (0...1024).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl boot set" target' -l 'target' -d 'Which file to write: grub, kernel-cmdline, modprobe (zram only) or auto.' -rfka 'grub kernel-cmdline modprobe auto'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl boot set" dry-run' -l 'dry-run' -d 'Print the diff and write nothing.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl boot set" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl boot set" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl boot unset" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl boot unset" -ge 1' -fka 'zswap.enabled zswap.compressor zswap.max_pool_percent zswap.accept_threshold_percent zswap.shrinker_enabled zram.num_devices'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl boot unset" target' -l 'target' -d 'Which file to edit: grub, kernel-cmdline, modprobe (zram only) or auto (every file that has it).' -rfka 'grub kernel-cmdline modprobe auto'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl boot unset" dry-run' -l 'dry-run' -d 'Print the diff and write nothing.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl boot unset" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl boot unset" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl config" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl config" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl config" -eq 1' -fa 'show' -d 'Print the merged configuration and, per value, the file and line it came from.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl config" -eq 1' -fa 'check' -d 'Validate the configuration; exit 64 listing every error as FILE:LINE: key: what is wrong.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl config" -eq 1' -fa 'import' -d 'Write the tmemctl configuration equivalent to zram-tools\', zswap-cli\'s or zram-generator\'s.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl config" -eq 1' -fa 'wants' -d 'Exit 0 when the configuration sets up --device now, 1 when it is left alone (what the udev rule asks).'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl config show" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl config show" config' -l 'config' -d 'Read only FILE (no search, no drop-ins).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl config show" json' -l 'json' -d 'Print one JSON document instead of text.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl config show" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl config show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl config check" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl config check" config' -l 'config' -d 'Read only FILE (no search, no drop-ins).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl config check" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl config check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl config import" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl config import" from' -l 'from' -d 'The tool whose configuration to import: zram-tools, zswap-cli, zram-generator.' -rfka 'zram-tools zswap-cli zram-generator'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl config import" o output' -s 'o' -l 'output' -d 'Write to FILE instead of stdout.' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl config import" force' -l 'force' -d 'Replace an existing -o FILE.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl config import" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl config import" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl config wants" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl config wants" config' -l 'config' -d 'Read only FILE (no search, no drop-ins).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl config wants" device' -l 'device' -d 'The device that appeared.' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl config wants" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl config wants" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl plan" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl plan" config' -l 'config' -d 'Read only FILE (no search, no drop-ins).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl plan" device' -l 'device' -d 'Only this device (zswap, sysctl and boot are left out).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl plan" json' -l 'json' -d 'Print one JSON document instead of text.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl plan" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl plan" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl apply" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl apply" config' -l 'config' -d 'Read only FILE (no search, no drop-ins).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl apply" device' -l 'device' -d 'Only this device (zswap, sysctl and boot are left alone).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl apply" dry-run' -l 'dry-run' -d 'Print the plan and change nothing.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl apply" check' -l 'check' -d 'Change nothing; exit 2 when changes would be made, 0 when the host matches.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl apply" reconfigure' -l 'reconfigure' -d 'Swap off or unmount, reset and set up again a device in use whose settings need a reset.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl apply" teardown' -l 'teardown' -d 'Undo what the configuration describes: swapoff/umount, reset, hot_remove; restore zswap and sysctls.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl apply" no-activate' -l 'no-activate' -d 'Size and format devices but leave swapon and mount to systemd\'s generated units (tmemctl-setup@.service).'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl apply" no-devices' -l 'no-devices' -d 'Only [zswap] and [sysctl]: no device, no boot file (tmemctl-zswap.service).'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl apply" json' -l 'json' -d 'Print one JSON document instead of text.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl apply" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl apply" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl generate-units" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl generate-units" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl generate-units" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl compress" a algorithm' -l 'algorithm' -s 'a' -d 'The compressor (lzo-rle, lzo, lz4, lz4hc, zstd, deflate, all), or all of them.' -rfka 'lzo-rle lzo lz4 lz4hc zstd deflate all'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl compress" level' -l 'level' -d 'Compression level for lz4hc (1-16), zstd (1-22) or deflate (0-9) (default: the kernel\'s: 9, 3, 6).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl compress" window-bits' -l 'window-bits' -d 'deflate window bits as zram\'s deflate.winbits takes them (-15..-9 raw, the kernel\'s default -11).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl compress" kernel' -l 'kernel' -d 'Set the compressor up as this kernel era does: 6.1 (crypto API; no --level), or a later one (zram\'s backends, the default).' -rfka '6.1 6.12 6.18 7.2'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl compress" corpus' -l 'corpus' -d 'A corpus file of raw 4 KiB pages (see `tmemctl corpus`).' -rF
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl compress" builtin' -l 'builtin' -d 'Use the built-in page mix (see --pages and --seed).'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl compress" pages' -l 'pages' -d 'Pages of the built-in mix.' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl compress" seed' -l 'seed' -d 'Seed of the built-in mix (default 1).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl compress" summary' -l 'summary' -d 'Print totals only, without a row per page (text output).'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl compress" json' -l 'json' -d 'Print one JSON document instead of text.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl compress" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl compress" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl corpus" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl corpus" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl corpus" -eq 1' -fa 'builtin' -d 'Write the deterministic built-in page mix.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl corpus" -eq 1' -fa 'capture' -d 'Write a live process\'s anonymous memory as a corpus (needs root).'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl corpus builtin" o output' -l 'output' -s 'o' -d 'The file to write.' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl corpus builtin" pages' -l 'pages' -d 'Pages of the built-in mix.' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl corpus builtin" seed' -l 'seed' -d 'Seed of the built-in mix (default 1).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl corpus builtin" force' -l 'force' -d 'Replace FILE if it exists (it is replaced, never written through a symlink).'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl corpus builtin" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl corpus builtin" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl corpus capture" pid' -l 'pid' -d 'The process to sample.' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl corpus capture" o output' -l 'output' -s 'o' -d 'The file to write.' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl corpus capture" max-pages' -l 'max-pages' -d 'At most this many pages (default 65536, at most 4194304).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl corpus capture" force' -l 'force' -d 'Replace FILE if it exists (it is replaced, never written through a symlink).'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl corpus capture" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl corpus capture" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl corpus capture" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl model" corpus' -l 'corpus' -d 'A corpus file of raw 4 KiB pages (see `tmemctl corpus`).' -rF
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl model" builtin' -l 'builtin' -d 'Use the built-in page mix (see --pages and --seed).'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl model" pages' -l 'pages' -d 'Pages of the built-in mix.' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl model" seed' -l 'seed' -d 'Seed of the built-in mix (default 1).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl model" algorithm' -l 'algorithm' -d 'The compressor to model (lzo-rle, lzo, lz4, lz4hc, zstd, deflate, all), or all of them.' -rfka 'lzo-rle lzo lz4 lz4hc zstd deflate all'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl model" level' -l 'level' -d 'Compression level for lz4hc (1-16), zstd (1-22) or deflate (0-9) (default: the kernel\'s: 9, 3, 6).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl model" window-bits' -l 'window-bits' -d 'deflate window bits as zram\'s deflate.winbits takes them (-15..-9 raw, the kernel\'s default -11).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl model" chain-size' -l 'chain-size' -d 'zsmalloc chain size, 4 to 16 (default: the running kernel\'s).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl model" kernel' -l 'kernel' -d 'Model this kernel era\'s rules (default: the running kernel\'s); --chain-size still overrides its chain size.' -rfka '6.1 6.12 6.18 7.2'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl model" mem-limit' -l 'mem-limit' -d 'Model a device with this mem_limit (4096, 512M, 1.5G, 50%).' -rfka '256M 512M 1G 2G 4G 25% 50%'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl model" writeback' -l 'writeback' -d 'After writing the corpus, run these writeback steps in order (comma-separated): mark-idle (echo all > idle), read=LO-HI (read those pages: clears their idle mark), idle, huge, huge_idle, incompressible (writeback of that type), page_index=N, page_indexes=LO-HI (Linux 6.16+). Ranges are inclusive.' -rfka 'mark-idle,huge,idle mark-idle,read=0-99,huge_idle,idle page_index=0'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl model" backing-size' -l 'backing-size' -d 'With --writeback: the backing device\'s size (default: room for every page).' -rfka '256M 512M 1G 2G 4G 25% 50%'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl model" json' -l 'json' -d 'Print one JSON document instead of text.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl model" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl model" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl model" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl verify" corpus' -l 'corpus' -d 'A corpus file of raw 4 KiB pages (see `tmemctl corpus`).' -rF
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl verify" builtin' -l 'builtin' -d 'Use the built-in page mix (see --pages and --seed).'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl verify" pages' -l 'pages' -d 'Pages of the built-in mix.' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl verify" seed' -l 'seed' -d 'Seed of the built-in mix (default 1).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl verify" algorithm' -l 'algorithm' -d 'The compressor to verify, or all of them.' -rfka 'lzo-rle lzo lz4 lz4hc zstd deflate all'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl verify" level' -l 'level' -d 'Compression level for lz4hc (1-16), zstd (1-22) or deflate (0-9) (default: the kernel\'s: 9, 3, 6).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl verify" window-bits' -l 'window-bits' -d 'deflate window bits as zram\'s deflate.winbits takes them (-15..-9 raw, the kernel\'s default -11).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl verify" per-page' -l 'per-page' -d 'With --path block: read mm_stat after every page and compare each page\'s compressed size too.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl verify" path' -l 'path' -d 'How pages reach the kernel: block (O_DIRECT writes) or swap (MADV_PAGEOUT).' -rfka 'block swap'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl verify" zswap' -l 'zswap' -d 'With --path swap: put zswap in front of the zram swap device.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl verify" writeback' -l 'writeback' -d 'After writing the corpus, run these writeback steps in order (comma-separated): mark-idle (echo all > idle), read=LO-HI (read those pages: clears their idle mark), idle, huge, huge_idle, incompressible (writeback of that type), page_index=N, page_indexes=LO-HI (Linux 6.16+). Ranges are inclusive.' -rfka 'mark-idle,huge,idle mark-idle,read=0-99,huge_idle,idle page_index=0'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl verify" backing-device' -l 'backing-device' -d 'With --writeback: the block device zram writes back to (its contents are overwritten).' -rF
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl verify" json' -l 'json' -d 'Print one JSON document instead of text.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl verify" textfile' -l 'textfile' -d 'Write Prometheus metrics atomically to DIR (node_exporter\'s textfile directory, e.g. /var/lib/prometheus/node-exporter).' -rfa '(__tmemctl_complete_directories)'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl verify" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl verify" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl verify" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl advise" pid' -l 'pid' -d 'Sample this running process\'s anonymous memory (needs root).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl advise" max-pages' -l 'max-pages' -d 'With --pid: at most this many pages, sampled evenly.' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl advise" corpus' -l 'corpus' -d 'A corpus file of raw 4 KiB pages (see `tmemctl corpus`).' -rF
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl advise" builtin' -l 'builtin' -d 'Use the built-in page mix (see --pages and --seed).'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl advise" pages' -l 'pages' -d 'Pages of the built-in mix.' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl advise" seed' -l 'seed' -d 'Seed of the built-in mix (default 1).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl advise" pool-percent' -l 'pool-percent' -d 'RAM budget for a full zram device, in percent of RAM (1-100).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl advise" disksize' -l 'disksize' -d 'Also cost a device of this size (4G, 512M, 50%; default half of RAM).' -rfka '256M 512M 1G 2G 4G 25% 50%'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl advise" json' -l 'json' -d 'Print one JSON document instead of text.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl advise" textfile' -l 'textfile' -d 'Write Prometheus metrics atomically to DIR (node_exporter\'s textfile directory, e.g. /var/lib/prometheus/node-exporter).' -rfa '(__tmemctl_complete_directories)'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl advise" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl advise" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl advise" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl metrics" textfile' -l 'textfile' -d 'Write Prometheus metrics atomically to DIR (node_exporter\'s textfile directory, e.g. /var/lib/prometheus/node-exporter).' -rfa '(__tmemctl_complete_directories)'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl metrics" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl metrics" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl metrics" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl watch" interval' -l 'interval' -d 'Seconds between samples (0.1 to 3600).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl watch" count' -l 'count' -d 'Stop after N samples (default: until Ctrl-C).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl watch" json' -l 'json' -d 'Print one JSON object per line.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl watch" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl watch" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl watch" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl bench" -eq 1' -fa 'compress' -d 'Compressor speed through tmemctl\'s Swift API against liblzo2 and liblz4 called from C.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl bench" -eq 1' -fa 'model' -d 'Time the zram model against the kernel writing the same pages to zram.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl bench" -eq 1' -fa 'tmem' -d 'tmem put and get throughput against the kernel\'s zram write and read, same pages, same run.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_positional "tmemctl bench" -eq 1' -fa 'metrics' -d 'Measure the CPU one `tmemctl metrics` reading costs.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench compress" a algorithm' -l 'algorithm' -s 'a' -d 'The compressor, or all of them.' -rfka 'lzo-rle lzo lz4 lz4hc zstd deflate all'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench compress" pages' -l 'pages' -d 'Pages of the built-in mix.' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench compress" seed' -l 'seed' -d 'Seed of the built-in mix (default 1).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench compress" rounds' -l 'rounds' -d 'Rounds (each measures both sides); the median is reported.' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench compress" json' -l 'json' -d 'Print one JSON document instead of text.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench compress" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench compress" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench model" size' -l 'size' -d 'Corpus size in bytes (4096, 64M; default 256M).' -rfka '256M 512M 1G 2G 4G 25% 50%'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench model" algorithm' -l 'algorithm' -d 'The compressor, or all of them.' -rfka 'lzo-rle lzo lz4 lz4hc zstd deflate all'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench model" threads' -l 'threads' -d 'Threads for the model\'s compression.' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench model" rounds' -l 'rounds' -d 'Alternating rounds (model, kernel).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench model" seed' -l 'seed' -d 'Seed of the built-in mix (default 1).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench model" json' -l 'json' -d 'Print one JSON document instead of text.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench model" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench model" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench model" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench tmem" a algorithm' -l 'algorithm' -s 'a' -d 'The compressor (default lzo-rle, zram\'s default).' -rfka 'lzo-rle lzo lz4 lz4hc zstd deflate'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench tmem" pages' -l 'pages' -d 'Pages of the built-in mix.' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench tmem" seed' -l 'seed' -d 'Seed of the built-in mix (default 1).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench tmem" rounds' -l 'rounds' -d 'Rounds; medians are reported.' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench tmem" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench tmem" json' -l 'json' -d 'Print one JSON document instead of text.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench tmem" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench tmem" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench metrics" devices' -l 'devices' -d 'zram devices to have while measuring (live kernel only).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench metrics" readings' -l 'readings' -d 'Readings to measure.' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench metrics" json' -l 'json' -d 'Print JSON.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench metrics" root' -l 'root' -d 'Use DIR instead of / for every sysfs and procfs path (also TMEMCTL_ROOT).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench metrics" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl bench metrics" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl simulate" workload' -l 'workload' -d 'What the simulated machine does (see below).' -rfka 'usemem pagecache-zipf trace'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl simulate" memory' -l 'memory' -d 'RAM of the simulated machine, e.g. 64M or 1G (default 64M).' -rfka '256M 512M 1G 2G 4G 25% 50%'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl simulate" mem-limit' -l 'mem-limit' -d 'Store-wide memory limit: bytes (512K, 8M), N% of --memory, or none (default 10%).' -rfka 'none 10% 25% 8M 64M'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl simulate" pool-mem-limit' -l 'pool-mem-limit' -d 'Limit of each pool (one per swap device, one per filesystem): bytes, N% of --memory, or none (default).' -rfka 'none 10% 25% 8M 64M'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl simulate" algorithm' -l 'algorithm' -d 'The compressor (default lzo, as zcache and zswap).' -rfka 'lzo-rle lzo lz4 lz4hc zstd deflate'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl simulate" policy' -l 'policy' -d 'Acceptance policy (see below).' -rfka 'zcache-2010 kztmem ours zswap'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl simulate" corpus' -l 'corpus' -d 'A corpus file of raw 4 KiB pages (see `tmemctl corpus`).' -rF
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl simulate" seed' -l 'seed' -d 'Seed of the workload\'s random choices (pages come from --corpus, or the built-in mix with seed 1).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl simulate" reads' -l 'reads' -d 'Reads of pagecache-zipf (default: four passes\' worth of the file set).' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl simulate" zipf-exponent' -l 'zipf-exponent' -d 'Zipf exponent of pagecache-zipf.' -rfka ''
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl simulate" json' -l 'json' -d 'Print one JSON document instead of text.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl simulate" version' -l 'version' -d 'Show the version.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl simulate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'tmemctl' -n '__tmemctl_should_offer_completions_for_flags_or_options "tmemctl help" version' -l 'version' -d 'Show the version.'
