# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when any C++ source differs from what clang-format would write.
# Usage: cmake -DSOURCE_DIR=<repo> -DCLANG_FORMAT=<path> -P CheckFormat.cmake
set(files)
foreach(dir app core ui tests)
    file(GLOB_RECURSE found "${SOURCE_DIR}/${dir}/*.cpp" "${SOURCE_DIR}/${dir}/*.h")
    list(APPEND files ${found})
endforeach()
list(LENGTH files count)
if(count EQUAL 0)
    message(FATAL_ERROR "no C++ sources found under ${SOURCE_DIR}")
endif()
execute_process(
    COMMAND ${CLANG_FORMAT} --dry-run --Werror ${files}
    WORKING_DIRECTORY ${SOURCE_DIR}
    RESULT_VARIABLE result
    ERROR_VARIABLE diagnostics)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "${diagnostics}\nSome files are not formatted. Fix them with:\n"
        "  clang-format -i $(git ls-files '*.cpp' '*.h')")
endif()
message(STATUS "${count} files are formatted")
