# aiops_add_test(NAME <name> SOURCES <files...> LIBS <targets...> LABELS <labels...> [GUI] [ENV <k=v>...]
#                [TIMEOUT <s>])
# One executable per test class, linked against the lowest layer it needs.
function(aiops_add_test)
  cmake_parse_arguments(T "GUI" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS;ENV" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE aiops_options Qt6::Test ${T_LIBS})
  target_compile_definitions(${T_NAME} PRIVATE
    AIOPS_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
    AIOPS_BUILD_DIR="${PROJECT_BINARY_DIR}")
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  set(env ${T_ENV})
  if(T_GUI)
    list(APPEND env "QT_QPA_PLATFORM=offscreen")
  endif()
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 120)
  endif()
  set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT} ENVIRONMENT "${env}")
endfunction()
