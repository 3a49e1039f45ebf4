# Generates a C++ source holding the schema migrations, in order, as raw strings.
# Inputs: OUT (file to write), FILES (.sql paths separated by "|", numbered 0001_…).
string(REPLACE "|" ";" FILES "${FILES}")
set(body "// Generated from core/sql by cmake/EmbedSql.cmake. Do not edit.\n#include \"migrations.hpp\"\nnamespace onebook::core {\nconst std::vector<Migration>& migrations() {\n    static const std::vector<Migration> all = {\n")
foreach(f IN LISTS FILES)
  get_filename_component(name ${f} NAME_WE)
  string(REGEX MATCH "^[0-9]+" num ${name})
  math(EXPR num "${num} + 0")
  file(READ ${f} sql)
  string(APPEND body "        {${num}, \"${name}\", R\"onebook_sql(${sql})onebook_sql\"},\n")
endforeach()
string(APPEND body "    };\n    return all;\n}\n} // namespace onebook::core\n")
file(WRITE ${OUT}.tmp "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${OUT}.tmp ${OUT})
