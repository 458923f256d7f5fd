import Foundation
import Testing
import S1CheckTestSupport
@testable import S1CheckCore

/// Every title the source documents give a document, current or former, names it (issue 24 item 5): the
/// SEC version history is read mention by mention, the consolidated contents line by line.
@Suite struct DocumentTitleTests {
    let history = String(decoding: Paths.bytes(Paths.fixture("Seeds/sec-version-history.txt")), as: UTF8.self)
    let contents = String(decoding: Paths.bytes(Paths.fixture("Seeds/sec-consolidated-contents.txt")), as: UTF8.self)
    let names = TestData.resolved.names

    /// White space folded, as the quotations are compared.
    func fold(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    /// Whether `written` names `ref` (or one of its parts).
    func names(_ written: String, _ ref: DocumentRef) -> Bool {
        guard case .document(let found) = names.resolve(written) else { return false }
        if found == ref { return true }
        if case .part(let k, let id, _) = found, case .document(let k2, let id2) = ref { return k == k2 && id == id2 }
        return false
    }

    /// Each mention of a document by its code in the SEC version history ("Appendix AC - Inventory,
    /// Enrolment and Withdrawal Procedures", "Schedule 10 Communication Hub Technical Specifications")
    /// followed by a title: some leading run of the words after the code must name that document. A
    /// rename the history records that the baseline does not know fails here, naming it.
    @Test func everyTitleTheVersionHistoryGivesADocumentNamesIt() throws {
        let text = fold(history)
        let pattern = try NSRegularExpression(pattern: #"\b(Appendix|Schedule|Section) ([A-Z]{1,2}[0-9]?|[0-9]{1,2})\b ?[-–:]? ?"#)
        // Words after a code that start no title: the history's own prose.
        let prose: Set<String> = ["due", "and", "as", "to", "of", "is", "in"]
        var checked = 0
        var unresolved: [String] = []
        let ns = text as NSString
        for m in pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let kind = ns.substring(with: m.range(at: 1))
            let id = ns.substring(with: m.range(at: 2))
            guard let ref = DocumentName.parse("\(kind) \(id)"), TestData.baseline.document(ref) != nil else { continue }
            let after = ns.substring(from: m.range.location + m.range.length)
            let words = after.split(separator: " ", maxSplits: 14).prefix(14).map(String.init)
            guard let first = words.first, let c = first.unicodeScalars.first, CharacterSet.uppercaseLetters.contains(c),
                  !prose.contains(first.lowercased()), !["Appendix", "Schedule", "Section", "SEC"].contains(first) else { continue }
            // Titles end before a full stop, a semicolon, a bullet or a bracket; trim those from each run.
            let runs = (1...words.count).map { words.prefix($0).joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ".;,•( ")) }
            checked += 1
            if !runs.contains(where: { names($0, ref) }) { unresolved.append("\(ref): \(words.prefix(3).joined(separator: " "))") }
        }
        // Mentions followed by words that are no title, each read by a person: the text extracted from the
        // PDF interleaves its columns in two, and one is the name of a modification proposal.
        let notTitles = [
            "Appendix U: DCCKI Repository Interface", // “Appendix U- DCCKI Repository Interface SEC Sections X3.1, X5, and X6 Design Specification”: the next column's words inside the title
            "Appendix B: Organisation ARL expiration", // SECMP0035 “Updates to SEC Appendix B – Organisation ARL expiration date …”: a proposal's name
            "Section A: Designation of Appendix", // “Amendments to SEC Section A” then the next column, “Designation of Appendix AJ …”
        ]
        #expect(unresolved == notTitles, "titles the SEC version history gives that name no document: \(unresolved)")
        #expect(checked >= 40, "\(checked) mentions read")
    }

    /// The renames the history records without a code before them, and those it records with one: each
    /// is quoted verbatim in the baseline (`formerTitles` and its source) and names its document with a
    /// note that gives the current title.
    @Test func everyFormerTitleIsInTheHistoryAndNamesItsDocument() throws {
        let folded = fold(history).replacingOccurrences(of: "- ", with: "-")
        var former = 0
        for doc in TestData.baseline.documents {
            for title in doc.formerTitles {
                former += 1
                #expect(folded.contains(title), "\(doc.ref): “\(title)” is not in the SEC version history")
                #expect(names.resolve(title) == .document(doc.ref), "\(title)")
                #expect(names.resolve("SEC \(doc.ref) – \(title)") == .document(doc.ref), "\(title) after its code")
                let hit = try #require(names.formerTitle(title), "\(title) is not known as a former title")
                #expect(hit.ref == doc.ref && hit.current == doc.title)
                #expect(doc.sources["formerTitles"]?.contains("SEC version history") == true, "\(doc.ref) formerTitles source")
            }
            // A current title or alias is never taken for a former one.
            for name in [doc.title] + doc.aliases { #expect(names.formerTitle(name) == nil, "\(name)") }
        }
        #expect(former >= 10)
        // The four the review named.
        for (title, ref) in [("Communication Hub Technical Specifications", DocumentRef.document(.schedule, "10")),
                             ("Inventory, Enrolment and Withdrawal Procedures", .document(.appendix, "AC")),
                             ("Self-Service Interface Design Specification", .document(.appendix, "AH")),
                             ("Smart Metering Equipment Technical Specifications 1", .document(.schedule, "9"))] {
            #expect(names.resolve(title) == .document(ref), "\(title)")
        }
    }

    /// Every line of the consolidated contents ("Schedule 9: Smart Metering Equipment Technical
    /// Specifications 1 - 1 February 2018") names its document, title as printed, date and version aside.
    @Test func everyTitleTheConsolidatedContentsGiveNamesItsDocument() {
        var lines = 0
        for raw in contents.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard let colon = line.firstIndex(of: ":"), let ref = DocumentName.parse(String(line[..<colon])),
                  TestData.baseline.document(ref) != nil else { continue }
            var title = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if let r = title.range(of: " Version ") { title = String(title[..<r.lowerBound]) }
            if let r = title.range(of: #" - [0-9]{1,2} [A-Z][a-z]+ [0-9]{4}$"#, options: .regularExpression) { title = String(title[..<r.lowerBound]) }
            lines += 1
            #expect(names(title, ref), "\(ref): “\(title)”")
        }
        #expect(lines > 70)
    }

    /// A former title is named, in a pass-level note, with the current one; the declaration is checked as
    /// the document itself.
    @Test func aFormerTitleAddsANoteNamingTheCurrentOne() throws {
        let json = PlanJSON(artefacts: #"[{"document": "Communication Hub Technical Specifications", "version": "1.5"}]"#).text
        let notes = try TestData.findings(json, rule: UnknownDocumentRule.description)
        #expect(notes.map(\.status) == [.pass])
        #expect(notes.first?.message.contains("Communications Hub Technical Specifications") == true)
        let versions = try TestData.findings(json, rule: ArtefactVersionRule.description)
        #expect(versions.map(\.status) == [.pass] && versions.first?.documentRef == .document(.schedule, "10"))
    }
}
