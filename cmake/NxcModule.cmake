# NxcModule.cmake - compile a .nx module ahead of time from CMake.
#
# nxc_add_module(<Module> <file.nx>) runs `nxc build` on the file and defines
# a static library target <Module> whose include directory holds <Module>.h;
# linking it pulls in libnxrt and libm. <Module> must be the file's
# `defmodule` name.
function(nxc_add_module name source)
  get_filename_component(src "${source}" ABSOLUTE)
  set(outdir "${CMAKE_CURRENT_BINARY_DIR}/${name}.nxc")
  set(lib "${outdir}/lib${name}.a")
  add_custom_command(
    OUTPUT "${lib}" "${outdir}/${name}.h"
    COMMAND $<TARGET_FILE:nxc> build "${src}" -o "${outdir}"
    DEPENDS nxc "${src}"
    COMMENT "nxc build ${source}"
    VERBATIM)
  add_custom_target(${name}-nxc DEPENDS "${lib}")
  add_library(${name} STATIC IMPORTED GLOBAL)
  set_target_properties(${name} PROPERTIES IMPORTED_LOCATION "${lib}")
  file(MAKE_DIRECTORY "${outdir}")
  target_include_directories(${name} INTERFACE "${outdir}")
  target_link_libraries(${name} INTERFACE nxrt m)
  add_dependencies(${name} ${name}-nxc)
endfunction()
