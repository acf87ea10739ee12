# One INTERFACE target carries the language standard, warnings and Qt strictness for every aiops target.
add_library(aiops_options INTERFACE)
target_compile_features(aiops_options INTERFACE cxx_std_23)
target_compile_options(aiops_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor
                                               -Wno-missing-field-initializers)
if(AIOPS_WERROR)
  target_compile_options(aiops_options INTERFACE -Werror)
endif()
target_compile_definitions(aiops_options INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CONTEXTLESS_CONNECT
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_NO_URL_CAST_FROM_STRING
  QT_USE_QSTRINGBUILDER
  AIOPS_VERSION="${PROJECT_VERSION}")
# Include paths are rooted at the repository: #include "core/nodes/NodeRegistry.h".
target_include_directories(aiops_options INTERFACE ${PROJECT_SOURCE_DIR})
