#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import S1CheckCore

// The thin entry point: the command table runs the command; every error is thrown as Diagnostics (exit 2).

// Before anything opens a file: a standard stream started closed (`>&-`, `2>&-`) would hand its number
// to the first file opened, and console lines would then be written into a report.
StandardStreams.reserve()

var status: Int32
do throws(Diagnostics) {
    // Arguments as bytes: a path need not be UTF-8 (CommandLine.arguments would replace its bad bytes).
    status = try CommandTable.main(Argument.process)
} catch {
    for d in error.all { Console.report(d) }
    status = 2
}
// Every command's output is checked, its close too: a patch, a plan or a catalogue that did not reach
// standard output (a full disk, /dev/full) is an error, never a silent exit 0 or 1.
if let lost = Output.finish() {
    Console.report(lost)
    status = 2
}
exit(status)
