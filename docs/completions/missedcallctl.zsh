#compdef missedcallctl

__missedcallctl_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__missedcallctl_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __missedcallctl_complete "${completions[@]:0:-1}"
    fi
}

__missedcallctl_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_missedcallctl() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'status:Modems, pool and delivery queue at a glance.'
            'nodes:The gateway nodes sharing the store: last heartbeat, state, modems, version.'
            'modems:List modems and their health, show one, clear a quarantine, run a self-test call, reset, SMS, raw AT.'
            'pool:The dialing-number pool: add a dongle'\''s number, remove, enable, disable, list.'
            'passkeys:API passkeys: create (shown once), list, revoke, set the daily quota, rotate the webhook secret.'
            'sessions:Verification sessions.'
            'calls:Recent missed calls, matched or not.'
            'listeners:Missed-call listener numbers (polls, voting, missed call to CRM).'
            'deliveries:Webhook, e-mail and SMS deliveries: list, the attempt log, redeliver, the dead ones.'
            'numbers:Number intelligence: import the prefix table (operator, circle, type).'
            'dnd:Import a DND (do not disturb) list: one number per line.'
            'simulate:Make a simulated modem ring (demo and tests).'
            'console:How to open the operator'\''s web console, and its login key for the loopback listener (console.port).'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        status|nodes|modems|pool|passkeys|sessions|calls|listeners|deliveries|numbers|dnd|simulate|console|help)
            "_missedcallctl_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_missedcallctl_status() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_nodes() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_modems() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:All modems and their state.'
            'show:Identity, SIM, registration, signal and operator of one modem.'
            'clear:Clear a quarantined modem: it is opened and initialised again, from the first recovery rung.'
            'self-test:Call this modem'\''s pool number from another ready modem now; passes when it reports the ring.'
            'forget:Drop a modem that is gone (waiting for its device) or quarantined from the list; one in service is refused.'
            'reset:Restart the modem (AT+CFUN=1,1); it comes back by itself.'
            'sms:Send an SMS from this modem.'
            'at:Send a raw AT command, for debugging (calls are still handled).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|show|clear|self-test|forget|reset|sms|at)
            "_missedcallctl_modems_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_missedcallctl_modems_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_modems_show() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        ':imei:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_modems_clear() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        ':imei:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_modems_self-test() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        ':imei:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_modems_forget() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        ':imei:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_modems_reset() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        ':imei:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_modems_sms() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        ':imei:'
        '--to[Destination number, E.164.]:to:'
        '--text[The text (one SMS\: 160 GSM characters or 70 others).]:text:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_modems_at() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        ':imei:'
        ':command:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_pool() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:Every number, with its modem and whether it is in service.'
            'add:Add a number, bound to the modem (IMEI) whose SIM it is.'
            'update:Change a number'\''s purpose, or the modem (IMEI) and SIM (ICCID) it is bound to.'
            'remove:Remove a number from the pool.'
            'enable:Hand the number out again.'
            'disable:Stop handing the number out (open sessions still verify).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|add|update|remove|enable|disable)
            "_missedcallctl_pool_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_missedcallctl_pool_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_pool_add() {
    local -i ret=1
    local -ar ___country=('IN' 'US' 'UK' 'IT')
    local -ar ___purpose=('verification' 'listener' 'signup')
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        ':number:'
        '--imei[IMEI of the modem holding the SIM (see '\''missedcallctl modems'\'').]:imei:'
        '--iccid[ICCID of the SIM.]:iccid:'
        '--country[IN, US, UK or IT.]:country:{__missedcallctl_complete "${___country[@]}"}'
        '--purpose[verification, listener or signup.]:purpose:{__missedcallctl_complete "${___purpose[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_pool_update() {
    local -i ret=1
    local -ar ___purpose=('verification' 'listener' 'signup')
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        ':number:'
        '--purpose[verification, listener or signup.]:purpose:{__missedcallctl_complete "${___purpose[@]}"}'
        '--imei[IMEI of the modem now holding the SIM.]:imei:'
        '--iccid[ICCID of the SIM.]:iccid:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_pool_remove() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        ':number:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_pool_enable() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        ':number:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_pool_disable() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        ':number:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_passkeys() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:Every passkey (never the key itself).'
            'create:Create a passkey and print it: it is shown this once only.'
            'update:Change a passkey'\''s label, daily quota, rate, webhook method or the web origins allowed to read its sessions.'
            'revoke:Revoke a passkey at once.'
            'quota:Set the daily session quota.'
            'rotate-secret:New webhook signing secret; the old one still signs until the next rotation.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|create|update|revoke|quota|rotate-secret)
            "_missedcallctl_passkeys_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_missedcallctl_passkeys_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_passkeys_create() {
    local -i ret=1
    local -ar ___method=('get' 'post-form' 'post-json')
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        '--label[Who it is for.]:label:'
        '--owner[The owner'\''s mobile number.]:owner:'
        '--quota[Sessions per UTC day.]:quota:'
        '--rate[Sessions per minute.]:rate:'
        '--method[Webhook method\: get, post-form or post-json.]:method:{__missedcallctl_complete "${___method[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_passkeys_update() {
    local -i ret=1
    local -ar ___method=('get' 'post-form' 'post-json')
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        ':id:'
        '--label[Who it is for.]:label:'
        '--quota[Sessions per UTC day.]:quota:'
        '--rate[Sessions per minute.]:rate:'
        '--method[Webhook method\: get, post-form or post-json.]:method:{__missedcallctl_complete "${___method[@]}"}'
        '*--allow-origin[A web origin (https\://app.example.com) whose pages may show the verification widget; repeat for more. Replaces the list.]:allow-origin:'
        '--no-origins[Allow no web origin (the default).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_passkeys_revoke() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_passkeys_quota() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        ':id:'
        ':quota:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_passkeys_rotate-secret() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_sessions() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:Recent sessions, newest first.'
            'show:One session in full.'
            'expire:End a pending session now: its number is free for that mobile again and a late call no longer verifies it.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|show|expire)
            "_missedcallctl_sessions_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_missedcallctl_sessions_list() {
    local -i ret=1
    local -ar ___status=('pending' 'verified' 'expired')
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        '--status[pending, verified or expired.]:status:{__missedcallctl_complete "${___status[@]}"}'
        '--limit[Rows to show, 1 to 10000.]:limit:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_sessions_show() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        ':sid:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_sessions_expire() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        ':sid:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_calls() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        '--limit[Rows to show, 1 to 10000.]:limit:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_listeners() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:Every listener and where it reports.'
            'add:Make a listener pool number report to a passkey'\''s owner.'
            'remove:Stop a listener: its calls are no longer reported (the number stays in the pool).'
            'tally:Calls and votes per UTC day.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|add|remove|tally)
            "_missedcallctl_listeners_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_missedcallctl_listeners_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_listeners_add() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        ':number:'
        '--passkey-id[The owner'\''s passkey id.]:passkey-id:'
        '--notify[Callback URL for each vote.]:notify:'
        '--email[E-mail address for each vote.]:email:'
        '--dedupe-seconds[The same caller again within this counts once.]:dedupe-seconds:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_listeners_remove() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        ':number:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_listeners_tally() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        ':number:'
        '--days:days:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_deliveries() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:Recent deliveries, newest first.'
            'show:One delivery and its attempt log.'
            'redeliver:Queue a dead, stopped or delivered job again.'
            'dead:Deliveries that gave up after the retry schedule.'
            'destinations:Destinations (webhook hosts, the SMTP relay, SMS lines) that are busy or failing, and their circuits.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|show|redeliver|dead|destinations)
            "_missedcallctl_deliveries_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_missedcallctl_deliveries_list() {
    local -i ret=1
    local -ar ___state=('pending' 'delivering' 'delivered' 'dead' 'stopped')
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        '--state[pending, delivering, delivered, dead or stopped.]:state:{__missedcallctl_complete "${___state[@]}"}'
        '--limit[Rows to show, 1 to 10000.]:limit:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_deliveries_show() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_deliveries_redeliver() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_deliveries_dead() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_deliveries_destinations() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_numbers() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'import:Import a CSV of prefix,operator,circle,type; it replaces the previous import and applies at once.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        import)
            "_missedcallctl_numbers_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_missedcallctl_numbers_import() {
    local -i ret=1
    local -ar ___country=('IN' 'US' 'UK' 'IT')
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        ':file:'
        '--country[The country of national-form prefixes (written with their trunk 0)\: IN, US, UK or IT.]:country:{__missedcallctl_complete "${___country[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_dnd() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'import:Import the list; it replaces the previous one and applies at once.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        import)
            "_missedcallctl_dnd_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_missedcallctl_dnd_import() {
    local -i ret=1
    local -ar ___country=('IN' 'US' 'UK' 'IT')
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        ':file:'
        '--country[The country of numbers written without their country code\: IN, US, UK or IT.]:country:{__missedcallctl_complete "${___country[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_simulate() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'call:A missed call from --from to the pool number --to.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        call)
            "_missedcallctl_simulate_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_missedcallctl_simulate_call() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        '--from[The caller'\''s number; omit for a withheld caller.]:from:'
        '--to[The pool number to ring, as dialled or E.164.]:to:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_console() {
    local -i ret=1
    local -ar arg_specs=(
        '--socket[The admin socket of missedcalld.]:socket:'
        '--json[Print the daemon'\''s JSON instead of a table.]'
        '--wide[Show every column of a table, even wider than the terminal.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_missedcallctl_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _missedcallctl ]]; then
    _missedcallctl "${@}"
else
    compdef _missedcallctl missedcallctl
fi
