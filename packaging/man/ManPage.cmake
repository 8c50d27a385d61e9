# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DEXE=<program> -DTEMPLATE=<page.in> -DOUTPUT=<page> [-DCOMMANDS=ON] [-DOPTIONS_ONLY=ON]
#       -P ManPage.cmake
#
# Fills a man page template (and writes it gzipped beside): @USAGE@ with the program's --help, and, for a
# program with commands, @COMMANDS@ with one subsection per command holding
# that command's --help.
include(${CMAKE_CURRENT_LIST_DIR}/../HelpText.cmake)

delegate_help(help ${EXE} --help)
set(usage "${help}")
if(OPTIONS_ONLY)
    # The page's SYNOPSIS and DESCRIPTION say what the help's first lines say.
    string(FIND "${usage}" "Options:" start)
    if(start GREATER -1)
        string(SUBSTRING "${usage}" ${start} -1 usage)
    endif()
endif()
delegate_troff(USAGE "${usage}")
string(STRIP "${USAGE}" USAGE)

set(COMMANDS_TEXT "")
if(COMMANDS)
    delegate_commands(commands "${help}")
    foreach(command IN LISTS commands)
        string(REPLACE " " ";" words "${command}")
        delegate_help(text ${EXE} ${words} --help)
        delegate_troff(text "${text}")
        string(STRIP "${text}" text)
        string(APPEND COMMANDS_TEXT ".SS ${command}\n.nf\n${text}\n.fi\n")
    endforeach()
endif()
set(COMMANDS "${COMMANDS_TEXT}")

string(TIMESTAMP DATE "%Y-%m-%d" UTC)
configure_file(${TEMPLATE} ${OUTPUT} @ONLY)
# Debian installs man pages compressed; -n keeps the date out, so builds repeat.
execute_process(COMMAND gzip -9nkf ${OUTPUT} COMMAND_ERROR_IS_FATAL ANY)
