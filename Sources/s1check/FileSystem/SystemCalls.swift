#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// read(2), write(2) and rename(2) under names that no s1check type also uses: inside `Files.read`,
// `Output.write` or `TempFile.rename` the plain name means the method, and a call qualified by a module
// (`Foundation.read`) ties the file to one module's import.
func systemRead(_ fd: Int32, _ buf: UnsafeMutableRawPointer, _ count: Int) -> Int { read(fd, buf, count) }
func systemWrite(_ fd: Int32, _ buf: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buf, count) }
func systemRename(_ from: UnsafePointer<CChar>, _ to: UnsafePointer<CChar>) -> Int32 { rename(from, to) }
