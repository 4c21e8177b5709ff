#!/bin/bash

__missedcallctl_cursor_index_in_current_word() {
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
__missedcallctl_offer_flags_options() {
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

__missedcallctl_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__missedcallctl_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_missedcallctl() {
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
    __missedcallctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    status|nodes|modems|pool|passkeys|sessions|calls|listeners|deliveries|numbers|dnd|simulate|console|help)
        # Offer subcommand argument completions
        "_missedcallctl_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'status nodes modems pool passkeys sessions calls listeners deliveries numbers dnd simulate console help' -- "${cur}"))
        ;;
    esac
}

_missedcallctl_status() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket)
    __missedcallctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    esac
}

_missedcallctl_nodes() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket)
    __missedcallctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    esac
}

_missedcallctl_modems() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __missedcallctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|show|clear|self-test|forget|reset|sms|at)
        # Offer subcommand argument completions
        "_missedcallctl_modems_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list show clear self-test forget reset sms at' -- "${cur}"))
        ;;
    esac
}

_missedcallctl_modems_list() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket)
    __missedcallctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    esac
}

_missedcallctl_modems_show() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket)
    __missedcallctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    esac
}

_missedcallctl_modems_clear() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket)
    __missedcallctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    esac
}

_missedcallctl_modems_self-test() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket)
    __missedcallctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    esac
}

_missedcallctl_modems_forget() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket)
    __missedcallctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    esac
}

_missedcallctl_modems_reset() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket)
    __missedcallctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    esac
}

_missedcallctl_modems_sms() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket --to --text)
    __missedcallctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    '--to')
        return
        ;;
    '--text')
        return
        ;;
    esac
}

_missedcallctl_modems_at() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket)
    __missedcallctl_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    esac
}

_missedcallctl_pool() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __missedcallctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|add|update|remove|enable|disable)
        # Offer subcommand argument completions
        "_missedcallctl_pool_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list add update remove enable disable' -- "${cur}"))
        ;;
    esac
}

_missedcallctl_pool_list() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket)
    __missedcallctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    esac
}

_missedcallctl_pool_add() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket --imei --iccid --country --purpose)
    __missedcallctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    '--imei')
        return
        ;;
    '--iccid')
        return
        ;;
    '--country')
        __missedcallctl_add_completions -W 'IN'$'\n''US'$'\n''UK'$'\n''IT'
        return
        ;;
    '--purpose')
        __missedcallctl_add_completions -W 'verification'$'\n''listener'$'\n''signup'
        return
        ;;
    esac
}

_missedcallctl_pool_update() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket --purpose --imei --iccid)
    __missedcallctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    '--purpose')
        __missedcallctl_add_completions -W 'verification'$'\n''listener'$'\n''signup'
        return
        ;;
    '--imei')
        return
        ;;
    '--iccid')
        return
        ;;
    esac
}

_missedcallctl_pool_remove() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket)
    __missedcallctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    esac
}

_missedcallctl_pool_enable() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket)
    __missedcallctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    esac
}

_missedcallctl_pool_disable() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket)
    __missedcallctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    esac
}

_missedcallctl_passkeys() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __missedcallctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|create|update|revoke|quota|rotate-secret)
        # Offer subcommand argument completions
        "_missedcallctl_passkeys_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list create update revoke quota rotate-secret' -- "${cur}"))
        ;;
    esac
}

_missedcallctl_passkeys_list() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket)
    __missedcallctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    esac
}

_missedcallctl_passkeys_create() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket --label --owner --quota --rate --method)
    __missedcallctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    '--label')
        return
        ;;
    '--owner')
        return
        ;;
    '--quota')
        return
        ;;
    '--rate')
        return
        ;;
    '--method')
        __missedcallctl_add_completions -W 'get'$'\n''post-form'$'\n''post-json'
        return
        ;;
    esac
}

_missedcallctl_passkeys_update() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --no-origins --version -h --help)
    repeating_options=(--allow-origin)
    non_repeating_options=(--socket --label --quota --rate --method)
    __missedcallctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    '--label')
        return
        ;;
    '--quota')
        return
        ;;
    '--rate')
        return
        ;;
    '--method')
        __missedcallctl_add_completions -W 'get'$'\n''post-form'$'\n''post-json'
        return
        ;;
    '--allow-origin')
        return
        ;;
    esac
}

_missedcallctl_passkeys_revoke() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket)
    __missedcallctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    esac
}

_missedcallctl_passkeys_quota() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket)
    __missedcallctl_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    esac
}

_missedcallctl_passkeys_rotate-secret() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket)
    __missedcallctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    esac
}

_missedcallctl_sessions() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __missedcallctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|show|expire)
        # Offer subcommand argument completions
        "_missedcallctl_sessions_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list show expire' -- "${cur}"))
        ;;
    esac
}

_missedcallctl_sessions_list() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket --status --limit)
    __missedcallctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    '--status')
        __missedcallctl_add_completions -W 'pending'$'\n''verified'$'\n''expired'
        return
        ;;
    '--limit')
        return
        ;;
    esac
}

_missedcallctl_sessions_show() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket)
    __missedcallctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    esac
}

_missedcallctl_sessions_expire() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket)
    __missedcallctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    esac
}

_missedcallctl_calls() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket --limit)
    __missedcallctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    '--limit')
        return
        ;;
    esac
}

_missedcallctl_listeners() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __missedcallctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|add|remove|tally)
        # Offer subcommand argument completions
        "_missedcallctl_listeners_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list add remove tally' -- "${cur}"))
        ;;
    esac
}

_missedcallctl_listeners_list() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket)
    __missedcallctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    esac
}

_missedcallctl_listeners_add() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket --passkey-id --notify --email --dedupe-seconds)
    __missedcallctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    '--passkey-id')
        return
        ;;
    '--notify')
        return
        ;;
    '--email')
        return
        ;;
    '--dedupe-seconds')
        return
        ;;
    esac
}

_missedcallctl_listeners_remove() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket)
    __missedcallctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    esac
}

_missedcallctl_listeners_tally() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket --days)
    __missedcallctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    '--days')
        return
        ;;
    esac
}

_missedcallctl_deliveries() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __missedcallctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|show|redeliver|dead|destinations)
        # Offer subcommand argument completions
        "_missedcallctl_deliveries_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list show redeliver dead destinations' -- "${cur}"))
        ;;
    esac
}

_missedcallctl_deliveries_list() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket --state --limit)
    __missedcallctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    '--state')
        __missedcallctl_add_completions -W 'pending'$'\n''delivering'$'\n''delivered'$'\n''dead'$'\n''stopped'
        return
        ;;
    '--limit')
        return
        ;;
    esac
}

_missedcallctl_deliveries_show() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket)
    __missedcallctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    esac
}

_missedcallctl_deliveries_redeliver() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket)
    __missedcallctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    esac
}

_missedcallctl_deliveries_dead() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket)
    __missedcallctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    esac
}

_missedcallctl_deliveries_destinations() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket)
    __missedcallctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    esac
}

_missedcallctl_numbers() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __missedcallctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    import)
        # Offer subcommand argument completions
        "_missedcallctl_numbers_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'import' -- "${cur}"))
        ;;
    esac
}

_missedcallctl_numbers_import() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket --country)
    __missedcallctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    '--country')
        __missedcallctl_add_completions -W 'IN'$'\n''US'$'\n''UK'$'\n''IT'
        return
        ;;
    esac
}

_missedcallctl_dnd() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __missedcallctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    import)
        # Offer subcommand argument completions
        "_missedcallctl_dnd_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'import' -- "${cur}"))
        ;;
    esac
}

_missedcallctl_dnd_import() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket --country)
    __missedcallctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    '--country')
        __missedcallctl_add_completions -W 'IN'$'\n''US'$'\n''UK'$'\n''IT'
        return
        ;;
    esac
}

_missedcallctl_simulate() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __missedcallctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    call)
        # Offer subcommand argument completions
        "_missedcallctl_simulate_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'call' -- "${cur}"))
        ;;
    esac
}

_missedcallctl_simulate_call() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket --from --to)
    __missedcallctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    '--from')
        return
        ;;
    '--to')
        return
        ;;
    esac
}

_missedcallctl_console() {
    repeating_flags=()
    non_repeating_flags=(--json --wide --version -h --help)
    repeating_options=()
    non_repeating_options=(--socket)
    __missedcallctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--socket')
        return
        ;;
    esac
}

_missedcallctl_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __missedcallctl_offer_flags_options -1
}

complete -o filenames -F _missedcallctl missedcallctl
