# Copies a plugin's data (manifest, data/, locale/) from SRC to DST; also the shared sector base
# (templates/sector-base: base.json + data/), which is staged beside the plugins that build on it.
file(MAKE_DIRECTORY ${DST})
foreach(manifest plugin.json base.json)
  if(EXISTS ${SRC}/${manifest})
    file(COPY ${SRC}/${manifest} DESTINATION ${DST})
  endif()
endforeach()
foreach(sub data locale)
  if(EXISTS ${SRC}/${sub})
    file(COPY ${SRC}/${sub} DESTINATION ${DST})
  endif()
endforeach()
