// The shared libsvcdesc (cmake/Install.cmake) is the static library's objects linked whole; a
// shared library target needs a source file of its own, and this is it.
