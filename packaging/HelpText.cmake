# SPDX-License-Identifier: GPL-3.0-or-later
# Reads a built program's own --help texts, so the man pages and the shell
# completion are made from the same words the program prints and cannot drift.

# delegate_help(<out-var> <exe> [args...]): the program's standard output for args.
function(delegate_help out exe)
    # Defaults shown in the help are written as a reader's paths, not the
    # build machine's: HOME is "~" and the runtime directory is named.
    execute_process(COMMAND ${CMAKE_COMMAND} -E env HOME=~ XDG_DATA_HOME= XDG_CONFIG_HOME=
                            XDG_RUNTIME_DIR=$XDG_RUNTIME_DIR ${exe} ${ARGN}
        OUTPUT_VARIABLE text ERROR_QUIET RESULT_VARIABLE rc)
    if(NOT text)
        message(FATAL_ERROR "${exe} ${ARGN} printed nothing (exit ${rc})")
    endif()
    get_filename_component(name ${exe} NAME)
    string(REPLACE "${exe}" "${name}" text "${text}")
    set(${out} "${text}" PARENT_SCOPE)
endfunction()

# delegate_commands(<out-var> <top-level help>): the command names listed under
# "Commands:", each as one item ("task lint", "submit", ...).
function(delegate_commands out help)
    string(REPLACE "\n" ";" lines "${help}")
    set(commands "")
    set(inside OFF)
    foreach(line IN LISTS lines)
        if(line STREQUAL "Commands:")
            set(inside ON)
        elseif(inside AND line MATCHES "^  ([a-z][a-z-]*( [a-z][a-z-]*)?)   ")
            list(APPEND commands "${CMAKE_MATCH_1}")
        endif()
    endforeach()
    set(${out} "${commands}" PARENT_SCOPE)
endfunction()

# delegate_options(<out-var> <help>): every --option the help text names.
function(delegate_options out help)
    string(REGEX MATCHALL "--[a-z][a-z-]*" options "${help}")
    list(REMOVE_DUPLICATES options)
    list(SORT options)
    set(${out} "${options}" PARENT_SCOPE)
endfunction()

# delegate_troff(<out-var> <text>): text made safe inside a troff .nf block.
function(delegate_troff out text)
    string(REPLACE "\\" "\\e" text "${text}")
    string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
    set(${out} "${text}" PARENT_SCOPE)
endfunction()
