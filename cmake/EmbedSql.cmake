# Generates a C++ source holding the schema migrations, in order, as raw strings.
# Inputs: OUT (file to write), FILES (.sql paths separated by "|", numbered 0001_…), TEMP_SEARCH (the
# search index's TEMP views and triggers, made on each connection before its first write), TEMP_HISTORY
# (the journal's history views, each made on a connection when a statement first names it).
# A migration holding the line "-- onebook: tables unchanged" changes no table (packages, see
# package_schema_version()).
string(REPLACE "|" ";" FILES "${FILES}")
set(body "// Generated from core/sql by cmake/EmbedSql.cmake. Do not edit.\n#include \"migrations.hpp\"\nnamespace onebook::core {\nconst std::vector<Migration>& migrations() {\n    static const std::vector<Migration> all = {\n")
foreach(f IN LISTS FILES)
  get_filename_component(name ${f} NAME_WE)
  string(REGEX MATCH "^[0-9]+" num ${name})
  math(EXPR num "${num} + 0")
  file(READ ${f} sql)
  set(tables "true")
  string(FIND "${sql}" "\n-- onebook: tables unchanged\n" unchanged)
  if(NOT unchanged EQUAL -1)
    set(tables "false")
  endif()
  string(APPEND body "        {${num}, \"${name}\", R\"onebook_sql(${sql})onebook_sql\", ${tables}},\n")
endforeach()
string(APPEND body "    };\n    return all;\n}\n")
file(READ ${TEMP_SEARCH} temp_search)
string(APPEND body "const char* temp_search_sql() {\n    return R\"onebook_sql(${temp_search})onebook_sql\";\n}\n")
file(READ ${TEMP_HISTORY} temp_history)
string(APPEND body "const char* temp_history_sql() {\n    return R\"onebook_sql(${temp_history})onebook_sql\";\n}\n")
string(APPEND body "} // namespace onebook::core\n")
file(WRITE ${OUT}.tmp "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${OUT}.tmp ${OUT})
