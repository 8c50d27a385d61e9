# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DEXE=<delegatectl> -DTEMPLATE=<delegatectl.bash.in> -DOUTPUT=<file> -P BashCompletion.cmake
#
# Writes delegatectl's bash completion from its own help: the commands (with
# their second words) and each command's options.
include(${CMAKE_CURRENT_LIST_DIR}/../HelpText.cmake)

delegate_help(help ${EXE} --help)
delegate_commands(commands "${help}")

set(firsts "")
set(CASES "")
foreach(command IN LISTS commands)
    string(REPLACE " " ";" words "${command}")
    list(GET words 0 first)
    list(APPEND firsts ${first})
    delegate_help(text ${EXE} ${words} --help)
    delegate_options(options "${text}")
    list(JOIN options " " options)
    string(APPEND CASES "        \"${command}\") options=\"${options}\" ;;\n")
    list(LENGTH words count)
    if(count GREATER 1)
        list(GET words 1 second)
        set(seconds_${first} "${seconds_${first}} ${second}")
    endif()
endforeach()
list(REMOVE_DUPLICATES firsts)

set(SECONDS "")
foreach(first IN LISTS firsts)
    if(DEFINED seconds_${first})
        string(STRIP "${seconds_${first}}" words)
        string(APPEND SECONDS "        ${first}) seconds=\"${words}\" ;;\n")
    endif()
endforeach()
list(JOIN firsts " " FIRSTS)
configure_file(${TEMPLATE} ${OUTPUT} @ONLY)
