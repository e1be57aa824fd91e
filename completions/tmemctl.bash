#!/bin/bash

__tmemctl_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__tmemctl_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__tmemctl_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__tmemctl_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_tmemctl() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __tmemctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    status|zram|zswap|module|boot|config|plan|apply|policy|generate-units|compress|corpus|model|verify|advise|metrics|watch|bench|simulate|help)
        # Offer subcommand argument completions
        "_tmemctl_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'status zram zswap module boot config plan apply policy generate-units compress corpus model verify advise metrics watch bench simulate help' -- "${cur}"))
        ;;
    esac
}

_tmemctl_status() {
    repeating_flags=()
    non_repeating_flags=(--json --output-all -b --bytes --raw -n --noheadings --all --version -h --help)
    repeating_options=()
    non_repeating_options=(--root -o --output)
    __tmemctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--root')
        return
        ;;
    '-o'|'--output')
        __tmemctl_add_completions -W 'NAME'$'\n''DISKSIZE'$'\n''DATA'$'\n''COMPR'$'\n''ALGORITHM'$'\n''STREAMS'$'\n''ZERO-PAGES'$'\n''TOTAL'$'\n''MEM-LIMIT'$'\n''MEM-USED'$'\n''MIGRATED'$'\n''MOUNTPOINT'$'\n''COMP-RATIO'$'\n''HUGE'$'\n''HUGE-SINCE'$'\n''SWAP-PRIORITY'$'\n''SWAP'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __tmemctl_add_completions -W "$(__tmemctl_custom_complete ---completion status -- positional@0 "${COMP_CWORD}" "$(__tmemctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_tmemctl_zram() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __tmemctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add|set|reset|remove|idle|writeback|recompress)
        # Offer subcommand argument completions
        "_tmemctl_zram_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add set reset remove idle writeback recompress' -- "${cur}"))
        ;;
    esac
}

_tmemctl_zram_add() {
    repeating_flags=()
    non_repeating_flags=(--uninitialized --swap --dry-run --version -h --help)
    repeating_options=(--recompression-algorithm)
    non_repeating_options=(--root --size --algorithm --algorithm-params --backing-dev --mem-limit --priority)
    __tmemctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--root')
        return
        ;;
    '--size')
        __tmemctl_add_completions -W '256M'$'\n''512M'$'\n''1G'$'\n''2G'$'\n''4G'$'\n''25%'$'\n''50%'
        return
        ;;
    '--algorithm')
        __tmemctl_add_completions -W "$(__tmemctl_custom_complete ---completion zram add -- --algorithm "${COMP_CWORD}" "$(__tmemctl_cursor_index_in_current_word)")"
        return
        ;;
    '--algorithm-params')
        return
        ;;
    '--recompression-algorithm')
        __tmemctl_add_completions -W "$(__tmemctl_custom_complete ---completion zram add -- --recompression-algorithm "${COMP_CWORD}" "$(__tmemctl_cursor_index_in_current_word)")"
        return
        ;;
    '--backing-dev')
        __tmemctl_add_completions -f
        return
        ;;
    '--mem-limit')
        __tmemctl_add_completions -W '256M'$'\n''512M'$'\n''1G'$'\n''2G'$'\n''4G'$'\n''25%'$'\n''50%'
        return
        ;;
    '--priority')
        return
        ;;
    esac
}

_tmemctl_zram_set() {
    repeating_flags=()
    non_repeating_flags=(--reset-mem-used-max --compact --dry-run --version -h --help)
    repeating_options=()
    non_repeating_options=(--root --mem-limit)
    __tmemctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--root')
        return
        ;;
    '--mem-limit')
        __tmemctl_add_completions -W '256M'$'\n''512M'$'\n''1G'$'\n''2G'$'\n''4G'$'\n''25%'$'\n''50%'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __tmemctl_add_completions -W "$(__tmemctl_custom_complete ---completion zram set -- positional@0 "${COMP_CWORD}" "$(__tmemctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_tmemctl_zram_reset() {
    repeating_flags=()
    non_repeating_flags=(--force --dry-run --version -h --help)
    repeating_options=()
    non_repeating_options=(--root)
    __tmemctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--root')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __tmemctl_add_completions -W "$(__tmemctl_custom_complete ---completion zram reset -- positional@0 "${COMP_CWORD}" "$(__tmemctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_tmemctl_zram_remove() {
    repeating_flags=()
    non_repeating_flags=(--force --dry-run --version -h --help)
    repeating_options=()
    non_repeating_options=(--root)
    __tmemctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--root')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __tmemctl_add_completions -W "$(__tmemctl_custom_complete ---completion zram remove -- positional@0 "${COMP_CWORD}" "$(__tmemctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_tmemctl_zram_idle() {
    repeating_flags=()
    non_repeating_flags=(--all --dry-run --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--root --age)
    __tmemctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--root')
        return
        ;;
    '--age')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __tmemctl_add_completions -W "$(__tmemctl_custom_complete ---completion zram idle -- positional@0 "${COMP_CWORD}" "$(__tmemctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_tmemctl_zram_writeback() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--root --type --pages --page-range --limit)
    __tmemctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--root')
        return
        ;;
    '--type')
        __tmemctl_add_completions -W 'idle'$'\n''huge'$'\n''huge_idle'$'\n''incompressible'
        return
        ;;
    '--pages')
        return
        ;;
    '--page-range')
        return
        ;;
    '--limit')
        __tmemctl_add_completions -W '256M'$'\n''512M'$'\n''1G'$'\n''2G'$'\n''4G'$'\n''25%'$'\n''50%'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __tmemctl_add_completions -W "$(__tmemctl_custom_complete ---completion zram writeback -- positional@0 "${COMP_CWORD}" "$(__tmemctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_tmemctl_zram_recompress() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--root --type --threshold --algorithm --priority --max-pages)
    __tmemctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--root')
        return
        ;;
    '--type')
        __tmemctl_add_completions -W 'idle'$'\n''huge'$'\n''huge_idle'
        return
        ;;
    '--threshold')
        return
        ;;
    '--algorithm')
        __tmemctl_add_completions -W "$(__tmemctl_custom_complete ---completion zram recompress -- --algorithm "${COMP_CWORD}" "$(__tmemctl_cursor_index_in_current_word)")"
        return
        ;;
    '--priority')
        return
        ;;
    '--max-pages')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __tmemctl_add_completions -W "$(__tmemctl_custom_complete ---completion zram recompress -- positional@0 "${COMP_CWORD}" "$(__tmemctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_tmemctl_zswap() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __tmemctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    show|set|restore)
        # Offer subcommand argument completions
        "_tmemctl_zswap_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'show set restore' -- "${cur}"))
        ;;
    esac
}

_tmemctl_zswap_show() {
    repeating_flags=()
    non_repeating_flags=(--json --bytes --version -h --help)
    repeating_options=()
    non_repeating_options=(--root)
    __tmemctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--root')
        return
        ;;
    esac
}

_tmemctl_zswap_set() {
    repeating_flags=()
    non_repeating_flags=(--force --dry-run --version -h --help)
    repeating_options=()
    non_repeating_options=(--root --enabled --compressor --max-pool-percent --accept-threshold-percent --shrinker-enabled --save)
    __tmemctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--root')
        return
        ;;
    '--enabled')
        __tmemctl_add_completions -W 'Y'$'\n''N'
        return
        ;;
    '--compressor')
        __tmemctl_add_completions -W "$(__tmemctl_custom_complete ---completion zswap set -- --compressor "${COMP_CWORD}" "$(__tmemctl_cursor_index_in_current_word)")"
        return
        ;;
    '--max-pool-percent')
        return
        ;;
    '--accept-threshold-percent')
        return
        ;;
    '--shrinker-enabled')
        __tmemctl_add_completions -W 'Y'$'\n''N'
        return
        ;;
    '--save')
        __tmemctl_add_completions -f
        return
        ;;
    esac
}

_tmemctl_zswap_restore() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --version -h --help)
    repeating_options=()
    non_repeating_options=(--root)
    __tmemctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--root')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __tmemctl_add_completions -f
        return
        ;;
    esac
}

_tmemctl_module() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __tmemctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    status|load)
        # Offer subcommand argument completions
        "_tmemctl_module_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'status load' -- "${cur}"))
        ;;
    esac
}

_tmemctl_module_status() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--root)
    __tmemctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--root')
        return
        ;;
    esac
}

_tmemctl_module_load() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--root --num-devices --options)
    __tmemctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--root')
        return
        ;;
    '--num-devices')
        return
        ;;
    '--options')
        return
        ;;
    esac
}

_tmemctl_boot() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __tmemctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    show|set|unset)
        # Offer subcommand argument completions
        "_tmemctl_boot_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'show set unset' -- "${cur}"))
        ;;
    esac
}

_tmemctl_boot_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--root)
    __tmemctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--root')
        return
        ;;
    esac
}

_tmemctl_boot_set() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --version -h --help)
    repeating_options=()
    non_repeating_options=(--root --zswap-enabled --zswap-compressor --zswap-max-pool-percent --zswap-accept-threshold-percent --zswap-shrinker-enabled --zram-num-devices --target)
    __tmemctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--root')
        return
        ;;
    '--zswap-enabled')
        __tmemctl_add_completions -W 'Y'$'\n''N'
        return
        ;;
    '--zswap-compressor')
        __tmemctl_add_completions -W "$(__tmemctl_custom_complete ---completion boot set -- --zswap-compressor "${COMP_CWORD}" "$(__tmemctl_cursor_index_in_current_word)")"
        return
        ;;
    '--zswap-max-pool-percent')
        return
        ;;
    '--zswap-accept-threshold-percent')
        return
        ;;
    '--zswap-shrinker-enabled')
        __tmemctl_add_completions -W 'Y'$'\n''N'
        return
        ;;
    '--zram-num-devices')
        return
        ;;
    '--target')
        __tmemctl_add_completions -W 'grub'$'\n''kernel-cmdline'$'\n''modprobe'$'\n''auto'
        return
        ;;
    esac
}

_tmemctl_boot_unset() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --version -h --help)
    repeating_options=()
    non_repeating_options=(--root --target)
    __tmemctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--root')
        return
        ;;
    '--target')
        __tmemctl_add_completions -W 'grub'$'\n''kernel-cmdline'$'\n''modprobe'$'\n''auto'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __tmemctl_add_completions -W 'zswap.enabled'$'\n''zswap.compressor'$'\n''zswap.max_pool_percent'$'\n''zswap.accept_threshold_percent'$'\n''zswap.shrinker_enabled'$'\n''zram.num_devices'
        return
        ;;
    esac
}

_tmemctl_config() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __tmemctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    show|check|import|wants)
        # Offer subcommand argument completions
        "_tmemctl_config_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'show check import wants' -- "${cur}"))
        ;;
    esac
}

_tmemctl_config_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--root --config)
    __tmemctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--root')
        return
        ;;
    '--config')
        return
        ;;
    esac
}

_tmemctl_config_check() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--root --config)
    __tmemctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--root')
        return
        ;;
    '--config')
        return
        ;;
    esac
}

_tmemctl_config_import() {
    repeating_flags=()
    non_repeating_flags=(--force --version -h --help)
    repeating_options=()
    non_repeating_options=(--root --from -o --output)
    __tmemctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--root')
        return
        ;;
    '--from')
        __tmemctl_add_completions -W 'zram-tools'$'\n''zswap-cli'$'\n''zram-generator'
        return
        ;;
    '-o'|'--output')
        return
        ;;
    esac
}

_tmemctl_config_wants() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--root --config --device)
    __tmemctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--root')
        return
        ;;
    '--config')
        return
        ;;
    '--device')
        __tmemctl_add_completions -W "$(__tmemctl_custom_complete ---completion config wants -- --device "${COMP_CWORD}" "$(__tmemctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_tmemctl_plan() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--root --config --device)
    __tmemctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--root')
        return
        ;;
    '--config')
        return
        ;;
    '--device')
        __tmemctl_add_completions -W "$(__tmemctl_custom_complete ---completion plan -- --device "${COMP_CWORD}" "$(__tmemctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_tmemctl_apply() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --check --reconfigure --teardown --no-activate --no-devices --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--root --config --device)
    __tmemctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--root')
        return
        ;;
    '--config')
        return
        ;;
    '--device')
        __tmemctl_add_completions -W "$(__tmemctl_custom_complete ---completion apply -- --device "${COMP_CWORD}" "$(__tmemctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_tmemctl_policy() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __tmemctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    run)
        # Offer subcommand argument completions
        "_tmemctl_policy_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'run' -- "${cur}"))
        ;;
    esac
}

_tmemctl_policy_run() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--root --config --device)
    __tmemctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--root')
        return
        ;;
    '--config')
        return
        ;;
    '--device')
        __tmemctl_add_completions -W "$(__tmemctl_custom_complete ---completion policy run -- --device "${COMP_CWORD}" "$(__tmemctl_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_tmemctl_generate-units() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--root)
    __tmemctl_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--root')
        return
        ;;
    esac
}

_tmemctl_compress() {
    repeating_flags=()
    non_repeating_flags=(--builtin --summary --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--algorithm -a --level --window-bits --kernel --corpus --pages --seed)
    __tmemctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--algorithm'|'-a')
        __tmemctl_add_completions -W 'lzo-rle'$'\n''lzo'$'\n''lz4'$'\n''lz4hc'$'\n''zstd'$'\n''deflate'$'\n''all'
        return
        ;;
    '--level')
        return
        ;;
    '--window-bits')
        return
        ;;
    '--kernel')
        __tmemctl_add_completions -W '6.1'$'\n''6.12'$'\n''6.18'$'\n''7.2'
        return
        ;;
    '--corpus')
        __tmemctl_add_completions -f
        return
        ;;
    '--pages')
        return
        ;;
    '--seed')
        return
        ;;
    esac
}

_tmemctl_corpus() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __tmemctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    builtin|capture)
        # Offer subcommand argument completions
        "_tmemctl_corpus_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'builtin capture' -- "${cur}"))
        ;;
    esac
}

_tmemctl_corpus_builtin() {
    repeating_flags=()
    non_repeating_flags=(--force --version -h --help)
    repeating_options=()
    non_repeating_options=(--output -o --pages --seed)
    __tmemctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--output'|'-o')
        return
        ;;
    '--pages')
        return
        ;;
    '--seed')
        return
        ;;
    esac
}

_tmemctl_corpus_capture() {
    repeating_flags=()
    non_repeating_flags=(--force --version -h --help)
    repeating_options=()
    non_repeating_options=(--pid --output -o --max-pages --root)
    __tmemctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--pid')
        return
        ;;
    '--output'|'-o')
        return
        ;;
    '--max-pages')
        return
        ;;
    '--root')
        return
        ;;
    esac
}

_tmemctl_model() {
    repeating_flags=()
    non_repeating_flags=(--builtin --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--corpus --pages --seed --algorithm --level --window-bits --chain-size --kernel --mem-limit --writeback --backing-size --root)
    __tmemctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--corpus')
        __tmemctl_add_completions -f
        return
        ;;
    '--pages')
        return
        ;;
    '--seed')
        return
        ;;
    '--algorithm')
        __tmemctl_add_completions -W 'lzo-rle'$'\n''lzo'$'\n''lz4'$'\n''lz4hc'$'\n''zstd'$'\n''deflate'$'\n''all'
        return
        ;;
    '--level')
        return
        ;;
    '--window-bits')
        return
        ;;
    '--chain-size')
        return
        ;;
    '--kernel')
        __tmemctl_add_completions -W '6.1'$'\n''6.12'$'\n''6.18'$'\n''7.2'
        return
        ;;
    '--mem-limit')
        __tmemctl_add_completions -W '256M'$'\n''512M'$'\n''1G'$'\n''2G'$'\n''4G'$'\n''25%'$'\n''50%'
        return
        ;;
    '--writeback')
        __tmemctl_add_completions -W 'mark-idle,huge,idle'$'\n''mark-idle,read=0-99,huge_idle,idle'$'\n''page_index=0'
        return
        ;;
    '--backing-size')
        __tmemctl_add_completions -W '256M'$'\n''512M'$'\n''1G'$'\n''2G'$'\n''4G'$'\n''25%'$'\n''50%'
        return
        ;;
    '--root')
        return
        ;;
    esac
}

_tmemctl_verify() {
    repeating_flags=()
    non_repeating_flags=(--builtin --per-page --zswap --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--corpus --pages --seed --algorithm --level --window-bits --path --writeback --backing-device --textfile --root)
    __tmemctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--corpus')
        __tmemctl_add_completions -f
        return
        ;;
    '--pages')
        return
        ;;
    '--seed')
        return
        ;;
    '--algorithm')
        __tmemctl_add_completions -W 'lzo-rle'$'\n''lzo'$'\n''lz4'$'\n''lz4hc'$'\n''zstd'$'\n''deflate'$'\n''all'
        return
        ;;
    '--level')
        return
        ;;
    '--window-bits')
        return
        ;;
    '--path')
        __tmemctl_add_completions -W 'block'$'\n''swap'
        return
        ;;
    '--writeback')
        __tmemctl_add_completions -W 'mark-idle,huge,idle'$'\n''mark-idle,read=0-99,huge_idle,idle'$'\n''page_index=0'
        return
        ;;
    '--backing-device')
        __tmemctl_add_completions -f
        return
        ;;
    '--textfile')
        __tmemctl_add_completions -d
        return
        ;;
    '--root')
        return
        ;;
    esac
}

_tmemctl_advise() {
    repeating_flags=()
    non_repeating_flags=(--builtin --no-cpu --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--pid --max-pages --corpus --pages --seed --pool-percent --disksize --kernel --levels --textfile --root)
    __tmemctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--pid')
        return
        ;;
    '--max-pages')
        return
        ;;
    '--corpus')
        __tmemctl_add_completions -f
        return
        ;;
    '--pages')
        return
        ;;
    '--seed')
        return
        ;;
    '--pool-percent')
        return
        ;;
    '--disksize')
        __tmemctl_add_completions -W '256M'$'\n''512M'$'\n''1G'$'\n''2G'$'\n''4G'$'\n''25%'$'\n''50%'
        return
        ;;
    '--kernel')
        __tmemctl_add_completions -W '6.1'$'\n''6.12'$'\n''6.18'$'\n''7.2'
        return
        ;;
    '--levels')
        __tmemctl_add_completions -W 'default'$'\n''sample'$'\n''all'
        return
        ;;
    '--textfile')
        __tmemctl_add_completions -d
        return
        ;;
    '--root')
        return
        ;;
    esac
}

_tmemctl_metrics() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--textfile --root)
    __tmemctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--textfile')
        __tmemctl_add_completions -d
        return
        ;;
    '--root')
        return
        ;;
    esac
}

_tmemctl_watch() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--interval --count --root)
    __tmemctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--interval')
        return
        ;;
    '--count')
        return
        ;;
    '--root')
        return
        ;;
    esac
}

_tmemctl_bench() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __tmemctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    compress|model|tmem|metrics|startup)
        # Offer subcommand argument completions
        "_tmemctl_bench_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'compress model tmem metrics startup' -- "${cur}"))
        ;;
    esac
}

_tmemctl_bench_compress() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--algorithm -a --corpus --pages --seed --rounds)
    __tmemctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--algorithm'|'-a')
        __tmemctl_add_completions -W 'lzo-rle'$'\n''lzo'$'\n''lz4'$'\n''lz4hc'$'\n''zstd'$'\n''deflate'$'\n''all'
        return
        ;;
    '--corpus')
        __tmemctl_add_completions -f
        return
        ;;
    '--pages')
        return
        ;;
    '--seed')
        return
        ;;
    '--rounds')
        return
        ;;
    esac
}

_tmemctl_bench_model() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--size --algorithm --threads --rounds --seed --root)
    __tmemctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--size')
        __tmemctl_add_completions -W '256M'$'\n''512M'$'\n''1G'$'\n''2G'$'\n''4G'$'\n''25%'$'\n''50%'
        return
        ;;
    '--algorithm')
        __tmemctl_add_completions -W 'lzo-rle'$'\n''lzo'$'\n''lz4'$'\n''lz4hc'$'\n''zstd'$'\n''deflate'$'\n''all'
        return
        ;;
    '--threads')
        return
        ;;
    '--rounds')
        return
        ;;
    '--seed')
        return
        ;;
    '--root')
        return
        ;;
    esac
}

_tmemctl_bench_tmem() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--algorithm -a --pages --seed --rounds --root)
    __tmemctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--algorithm'|'-a')
        __tmemctl_add_completions -W 'lzo-rle'$'\n''lzo'$'\n''lz4'$'\n''lz4hc'$'\n''zstd'$'\n''deflate'
        return
        ;;
    '--pages')
        return
        ;;
    '--seed')
        return
        ;;
    '--rounds')
        return
        ;;
    '--root')
        return
        ;;
    esac
}

_tmemctl_bench_metrics() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--devices --readings --root)
    __tmemctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--devices')
        return
        ;;
    '--readings')
        return
        ;;
    '--root')
        return
        ;;
    esac
}

_tmemctl_bench_startup() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--pairs --binary)
    __tmemctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--pairs')
        return
        ;;
    '--binary')
        __tmemctl_add_completions -f
        return
        ;;
    esac
}

_tmemctl_simulate() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--workload --memory --mem-limit --pool-mem-limit --algorithm --policy --corpus --seed --reads --zipf-exponent)
    __tmemctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--workload')
        __tmemctl_add_completions -W 'usemem'$'\n''pagecache-zipf'$'\n''trace'
        return
        ;;
    '--memory')
        __tmemctl_add_completions -W '256M'$'\n''512M'$'\n''1G'$'\n''2G'$'\n''4G'$'\n''25%'$'\n''50%'
        return
        ;;
    '--mem-limit')
        __tmemctl_add_completions -W 'none'$'\n''10%'$'\n''25%'$'\n''8M'$'\n''64M'
        return
        ;;
    '--pool-mem-limit')
        __tmemctl_add_completions -W 'none'$'\n''10%'$'\n''25%'$'\n''8M'$'\n''64M'
        return
        ;;
    '--algorithm')
        __tmemctl_add_completions -W 'lzo-rle'$'\n''lzo'$'\n''lz4'$'\n''lz4hc'$'\n''zstd'$'\n''deflate'
        return
        ;;
    '--policy')
        __tmemctl_add_completions -W 'zcache-2010'$'\n''kztmem'$'\n''ours'$'\n''zswap'
        return
        ;;
    '--corpus')
        __tmemctl_add_completions -f
        return
        ;;
    '--seed')
        return
        ;;
    '--reads')
        return
        ;;
    '--zipf-exponent')
        return
        ;;
    esac
}

_tmemctl_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __tmemctl_offer_flags_options -1
}

complete -o filenames -F _tmemctl tmemctl
