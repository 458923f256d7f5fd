import Foundation
import Testing
import S1CheckTestSupport
@testable import S1CheckCore

/// The embedded baseline against the source documents, fact by fact.
@Suite struct EmbeddedBaselineTests {
    let baseline = TestData.baseline
    let tbrd = String(decoding: Paths.bytes(Paths.fixture("Seeds/tbrd-v1.24.txt")), as: UTF8.self)
    let sec = String(decoding: Paths.bytes(Paths.fixture("Seeds/sec-consolidated-contents.txt")), as: UTF8.self)
    let history = String(decoding: Paths.bytes(Paths.fixture("Seeds/sec-version-history.txt")), as: UTF8.self)

    /// Annex A lines as the TBRD prints them: "SEC Appendix AD – DCC User Interface Specification Version 5.1".
    var annexALines: [(id: String, title: String, version: String)] {
        let start = tbrd.range(of: "SEC Version 72.0 includes the following Appendices:")!.upperBound
        let end = tbrd.range(of: "Relevant versions of SEC subsidiary documents currently subject")!.lowerBound
        return tbrd[start..<end].split(separator: "\n").compactMap { raw in
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard line.hasPrefix("SEC Appendix ") else { return nil }
            let words = line.split(separator: " ")
            let id = String(words[2])
            let version = String(words.last!)
            var title = line.dropFirst("SEC Appendix \(id)".count).trimmingCharacters(in: .whitespaces)
            title = title.trimmingCharacters(in: CharacterSet(charactersIn: "–- "))
            title = String(title.dropLast(version.count)).trimmingCharacters(in: .whitespaces)
            if title.hasSuffix("Version") { title = String(title.dropLast("Version".count)).trimmingCharacters(in: .whitespaces) }
            return (id, title, version)
        }
    }

    @Test func headlineFactsMatchTheTBRD() {
        #expect(baseline.tbrd.version == Version(dotted: "1.24"))
        #expect(baseline.tbrd.date == CalendarDate(iso: "2023-05-10"))
        #expect(tbrd.contains("10 May 2023 v1.24"))
        #expect(baseline.sec == Version(dotted: "72.0"))
        #expect(tbrd.contains("SEC Version 72.0 includes"))
        #expect(baseline.svtad == Version(dotted: "10.0"))
        #expect(tbrd.contains("The current version is 10.0."))
        #expect(tbrd.contains(baseline.tbrd.publisher.replacingOccurrences(of: "Department for Energy Security & Net Zero", with: "& Net Zero")))
    }

    @Test func annexAMatchesLineByLine() {
        let lines = annexALines
        #expect(lines.count == 18)
        for line in lines {
            let doc = baseline.document(.document(.appendix, line.id))
            #expect(doc != nil, "Annex A lists Appendix \(line.id)")
            #expect(doc?.annexA == Version(dotted: line.version), "Appendix \(line.id): Annex A says \(line.version)")
            #expect(doc?.title == line.title, "Appendix \(line.id) title")
            #expect(doc?.sources["annexA"]?.contains(line.id) == true)
        }
        // And nothing else claims an Annex A version.
        let annexIDs = Set(lines.map(\.id))
        for doc in baseline.documents where doc.annexA != nil {
            #expect(doc.kind == .appendix && annexIDs.contains(doc.id), "\(doc.ref) has an Annex A version the TBRD does not list")
        }
    }

    @Test func consultationItemsMatchTheTBRD() {
        let am = baseline.document(.document(.appendix, "AM"))!.consultation!
        #expect(am.version == Version(dotted: "12.0"))
        #expect(tbrd.contains("SMETS1 Supporting Requirements Version 12.0"))
        #expect(am.notes.compactMap(\.closed) == [CalendarDate(iso: "2023-02-10")!, CalendarDate(iso: "2023-05-05")!])
        #expect(tbrd.contains("closed on 10 February 2023") && tbrd.contains("closed on 5 May 2023"))
        let al = baseline.document(.document(.appendix, "AL"))!.consultation!
        #expect(al.version == Version(dotted: "25.0"))
        #expect(tbrd.contains("Transition and Migration Approach Document v25.0"))
        #expect(al.notes.first?.opened == CalendarDate(iso: "2023-04-21"))
        #expect(al.notes.first?.closed == CalendarDate(iso: "2023-05-05"))
        #expect(tbrd.contains("between 21 April 2023 and 5 May 2023"))
        #expect(al.events.map(\.date) == [CalendarDate(iso: "2023-05-28")!])
        #expect(al.events.first?.phases == [.IOC])
        #expect(tbrd.contains("cease migrations in the SMETS1 IOC cohort on 28 May 2023"))
    }

    /// Every "Section X: Title", "Schedule N: Title" and "Appendix X: Title" in the consolidated contents
    /// is in the catalogue with that title, and the catalogue holds nothing else.
    @Test func catalogueIsTheWholeSECContents() {
        var expected: [DocumentRef: String] = [:]
        for raw in sec.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            for kind in DocumentKind.allCases {
                let prefix = "\(kind.title) "
                guard line.hasPrefix(prefix), let colon = line.firstIndex(of: ":") else { continue }
                let id = String(line[line.index(line.startIndex, offsetBy: prefix.count)..<colon])
                guard DocumentName.isCode(id) || Int(id) != nil else { continue }
                var title = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                // Side-by-side versions ("... Version 4.1", "... 2 - 4 November 2021") are one document.
                if let r = title.range(of: " Version ") { title = String(title[..<r.lowerBound]) }
                if let r = title.range(of: #" \d - "#, options: .regularExpression) { title = String(title[..<r.lowerBound]) }
                let ref = DocumentRef.document(kind, kind == .schedule ? String(Int(id)!) : id)
                if expected[ref] == nil { expected[ref] = title }
            }
        }
        #expect(expected.count == 18 + 11 + 48)
        let catalogue = Dictionary(uniqueKeysWithValues: baseline.documents.map { ($0.ref, $0.title) })
        #expect(Set(catalogue.keys) == Set(expected.keys))
        for (ref, title) in expected {
            #expect(catalogue[ref] == title, "\(ref): SEC contents say \"\(title)\"")
        }
    }

    /// Every version the consolidated SEC lists ("Schedule 8: ... Version 3.2") is in legal effect in the
    /// baseline, side by side with the others, and no document has a version the contents do not list.
    @Test func everyVersionInLegalEffectIsRecorded() {
        var listed: [DocumentRef: [Version]] = [:]
        for raw in sec.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard let r = line.range(of: " Version "), let colon = line.firstIndex(of: ":"),
                  let ref = DocumentName.parse(String(line[..<colon])),
                  let v = Version(dotted: String(line[r.upperBound...]).trimmingCharacters(in: .whitespaces)) else { continue }
            listed[ref, default: []].append(v)
        }
        #expect(Set(listed.keys) == [.document(.schedule, "8"), .document(.schedule, "10"), .document(.appendix, "AD"), .document(.appendix, "AF")])
        #expect(listed[.document(.schedule, "8")]?.count == 9 && listed[.document(.appendix, "AD")]?.count == 6)
        for (ref, versions) in listed {
            #expect(baseline.document(ref)?.legalEffect == versions.sorted(), "\(ref)")
        }
        // Schedule 9: the SMETS1 issue is v1.2 (SEC 5.4, amended by SEC 5.13); the SMETS2 issues are dated only.
        let nine = baseline.document(.document(.schedule, "9"))
        #expect(nine?.legalEffect == [Version(dotted: "1.2")!])
        #expect(history.contains("Smart Metering Equipment \n\nTechnical Specifications Version \n\n1.2."))
        let dated = sec.split(separator: "\n").filter { $0.hasPrefix("Schedule 9: Smart Metering Equipment Technical Specifications 2 - ") }
        #expect(dated.count == 5)
        #expect(nine?.parts.map(\.name) == ["SMETS2"])
        #expect(nine?.parts.first?.legalEffect == [])
        #expect(nine?.parts.first?.datedIssues.map(\.description) == ["2018-02-01", "2018-11-08", "2019-07-04", "2020-11-29", "2021-11-04"])
        #expect(sec.split(separator: "\n").filter { $0.hasPrefix("Schedule 9: Smart Metering Equipment Technical Specifications 1 - ") }
            == ["Schedule 9: Smart Metering Equipment Technical Specifications 1 - 1 February 2018"])
        #expect(Set(baseline.documents.filter { !$0.legalEffect.isEmpty }.map(\.ref)) == Set(listed.keys).union([.document(.schedule, "9")]))
    }

    /// Every quotation in the baseline's sources (“…”, with " … " marking an elision) appears in the
    /// document the source names, as that document's reader knows it. White space is folded, since the
    /// text extraction broke lines.
    @Test func everyQuotationAppearsInTheDocumentItNames() throws {
        func fold(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let documents = [("TBRD v1.24", fold(tbrd)), ("SEC consolidated text", fold(sec)), ("SEC version history", fold(history))]
        var sources: [(String, String)] = baseline.sources.map { ("baseline \($0.key)", $0.value) }
        for doc in baseline.documents {
            sources += doc.sources.map { ("\(doc.ref) \($0.key)", $0.value) }
            for part in doc.parts { sources += part.sources.map { ("\(doc.ref) (\(part.name)) \($0.key)", $0.value) } }
        }
        var quotations = 0
        for (fact, text) in sources {
            // Each quotation belongs to the document named last before it.
            var current: (String, String)?
            var rest = Substring(text)
            while let open = rest.firstIndex(of: "“") {
                let before = rest[..<open]
                for d in documents {
                    if let r = before.range(of: d.0, options: .backwards), current == nil || before[r.lowerBound...].count < before.count { current = d }
                }
                let close = try #require(rest[open...].firstIndex(of: "”"), "\(fact): unclosed quotation")
                let quote = String(rest[rest.index(after: open)..<close])
                let document = try #require(current, "\(fact): a quotation before any document is named")
                for piece in quote.components(separatedBy: " … ") {
                    #expect(document.1.contains(fold(piece)), "\(fact): “\(piece)” is not in \(document.0)")
                }
                quotations += 1
                rest = rest[rest.index(after: close)...]
            }
            #expect(!text.contains("seed"), "\(fact) names a seed file, not the document its readers know")
        }
        #expect(quotations > 100)
    }

    @Test func everyFactNamesItsSource() {
        for key in ["tbrd", "sec", "svtad", "phases", "documents"] {
            #expect(baseline.sources[key]?.isEmpty == false, "top-level \(key)")
        }
        for doc in baseline.documents {
            #expect(doc.sources["title"] != nil, "\(doc.ref) title")
            if !doc.legalEffect.isEmpty { #expect(doc.sources["legalEffect"] != nil, "\(doc.ref) legalEffect") }
            if !doc.aliases.isEmpty { #expect(doc.sources["aliases"] != nil, "\(doc.ref) aliases") }
            for part in doc.parts {
                #expect(part.sources["title"] != nil && part.sources["name"] != nil, "\(doc.ref) \(part.name)")
                if !part.datedIssues.isEmpty { #expect(part.sources["datedIssues"] != nil, "\(doc.ref) \(part.name) datedIssues") }
            }
            if doc.annexA != nil { #expect(doc.sources["annexA"] != nil, "\(doc.ref) annexA") }
            if doc.consultation != nil { #expect(doc.sources["consultation"] != nil, "\(doc.ref) consultation") }
            if doc.phases != nil { #expect(doc.sources["phases"] != nil, "\(doc.ref) phases") }
        }
    }

    /// TBRD 1.24 "unless stated otherwise applies in respect of IOC, MOC and FOC" (paragraph 2), and
    /// states otherwise for no document: AP2's FOC rests on its title alone.
    @Test func noDocumentIsPhaseSpecific() {
        #expect(baseline.documents.filter { $0.phases != nil }.isEmpty)
        #expect(PhaseApplicabilityRule.phasesNamed(inTitle: baseline.document(.document(.appendix, "AP2"))!.title) == [.FOC])
    }

    /// Names the sources do not use (S1SR, SMETS1 TMAD, TMAD, a bare SVTAD) say they come from DCC usage.
    @Test func namesNotInTheSourcesSaySo() {
        for doc in baseline.documents {
            for alias in doc.aliases where ["S1SR", "SMETS1 TMAD", "TMAD", "SVTAD"].contains(alias) {
                #expect(doc.sources["aliases"]?.contains("DCC usage") == true, "\(doc.ref) \(alias)")
            }
        }
        #expect(baseline.sources["legalEffect"]?.contains("footnote 3") == true)
        #expect(baseline.document(.document(.appendix, "AL"))?.sources["consultation"]?.contains("ioc-cohort-is-closed-from-28-may-2023") == true)
    }
}

@Suite struct ResolutionTests {
    let v = { (s: String) in Version(dotted: s)! }

    @Test func paragraphThreeBranchByBranch() {
        #expect(BaselineResolver.resolve(legalEffect: [], annexA: nil) == nil)
        #expect(BaselineResolver.resolve(legalEffect: [v("5.0")], annexA: nil)! == ([v("5.0")], .legalEffect(annexA: nil)))
        #expect(BaselineResolver.resolve(legalEffect: [], annexA: v("5.1"))! == ([v("5.1")], .annexA(replaces: [])))
        #expect(BaselineResolver.resolve(legalEffect: [v("4.0"), v("5.0")], annexA: v("5.1"))! == ([v("5.1")], .annexA(replaces: [v("4.0"), v("5.0")])))
        #expect(BaselineResolver.resolve(legalEffect: [v("5.1")], annexA: v("5.1"))! == ([v("5.1")], .legalEffect(annexA: v("5.1"))))
        #expect(BaselineResolver.resolve(legalEffect: [v("5.0"), v("5.1")], annexA: v("5.1"))! == ([v("5.1")], .annexA(replaces: [v("5.0")])))
        // Version by version: 5.0 gives way to the Annex A 5.1; 6.0, more recent, stands beside it.
        #expect(BaselineResolver.resolve(legalEffect: [v("5.0"), v("6.0")], annexA: v("5.1"))!
                == ([v("5.1"), v("6.0")], .annexAAndLegalEffect(annexA: v("5.1"), replaces: [v("5.0")])))
        // An Annex A version older than every version in legal effect replaces none of them.
        #expect(BaselineResolver.resolve(legalEffect: [v("4.0"), v("6.0")], annexA: v("3.0"))! == ([v("4.0"), v("6.0")], .legalEffect(annexA: v("3.0"))))
        #expect(BaselineResolver.resolve(legalEffect: [v("5.9")], annexA: v("5.10"))!.relevant == [v("5.10")])
    }

    /// Property, TBRD paragraph 3 read version by version: for any versions in legal effect and any Annex
    /// A version, each version in legal effect is relevant unless the Annex A version is more recent, in
    /// which case the Annex A version is relevant in its place; with nothing in legal effect, the Annex A
    /// version is. Worked out here per version, independently of the resolver's prefix split.
    @Test func paragraphThreeHoldsForAnyVersions() {
        var rng = SplitMix(seed: 0x5EC72)
        for _ in 0..<2_000 {
            let legal = Array(Set((0..<Int(rng.next() % 5)).map { _ in Version(components: [Int(rng.next() % 6), Int(rng.next() % 12)])! })).sorted()
            let annex = rng.next() % 3 == 0 ? nil : Version(components: [Int(rng.next() % 6), Int(rng.next() % 12)])
            let r = BaselineResolver.resolve(legalEffect: legal, annexA: annex)
            var expected = Set<Version>()
            for l in legal { if let a = annex, a > l { expected.insert(a) } else { expected.insert(l) } }
            if legal.isEmpty, let a = annex { expected.insert(a) }
            if expected.isEmpty { #expect(r == nil); continue }
            #expect(r?.relevant == expected.sorted(), "\(legal) \(String(describing: annex))")
            // Every version in legal effect is either relevant or replaced by the Annex A version, never dropped.
            for l in legal { #expect(r!.relevant.contains(l) || (annex.map { $0 > l } ?? false)) }
        }
    }

    /// The reproductions from the review: the embedded baseline with DUIS 5.2 added in legal effect (what
    /// the DUIS 5.2 warning asks for) keeps 5.1 and adds 5.2; a baseline whose Annex A lists GBCS 3.2 drops
    /// the older GBCS versions.
    @Test func aNewerVersionInLegalEffectStandsBesideAnnexA() throws {
        var b = TestData.baseline
        let ad = try #require(b.documents.firstIndex { $0.ref == .document(.appendix, "AD") })
        b.documents[ad].legalEffect.append(v("5.2"))
        let gbcs = try #require(b.documents.firstIndex { $0.ref == .document(.schedule, "8") })
        b.documents[gbcs].annexA = v("3.2")
        let r = ResolvedBaseline(b)
        #expect(r[.document(.appendix, "AD")]?.relevant == [v("5.1"), v("5.2")])
        #expect(r[.document(.schedule, "8")]?.relevant == [v("3.2"), v("4.0"), v("4.1")])
        func statuses(_ artefacts: String) -> [Status] {
            let result = TestData.check(PlanJSON(artefacts: artefacts).text, baseline: r)
            return result.findings.filter { $0.rule.id == "artefact-version" }.map(\.status)
        }
        #expect(statuses(#"[{"document": "DUIS", "version": "4.0"}]"#) == [.fail])
        #expect(statuses(#"[{"document": "DUIS", "version": "5.1"}]"#) == [.pass])
        #expect(statuses(#"[{"document": "DUIS", "version": "5.2"}]"#) == [.pass])
        #expect(statuses(#"[{"document": "GBCS", "version": "2.0"}]"#) == [.fail])
        #expect(statuses(#"[{"document": "GBCS", "version": "3.2"}, {"document": "GBCS", "version": "4.1"}]"#) == [.pass, .pass])
    }

    @Test func embeddedBaselineResolvesAsTheTBRDSays() {
        let r = TestData.resolved
        func version(_ ref: DocumentRef) -> String? { r[ref]?.version?.description }
        #expect(version(.code) == "72.0")
        #expect(version(.document(.section, "N")) == "72.0")
        #expect(version(.document(.appendix, "AK")) == "10.0")
        #expect(r[.document(.appendix, "AK")]?.origin == .svtad)
        #expect(version(.document(.appendix, "AD")) == "5.1")
        #expect(r[.document(.appendix, "AD")]?.origin == .annexA(replaces: ["1.1", "2.0", "3.0", "3.1", "4.0", "5.0"].map(v)))
        #expect(version(.document(.appendix, "AF")) == "5.1")
        #expect(version(.document(.appendix, "AM")) == "12.0")
        #expect(r[.document(.appendix, "AM")]?.origin == .consultation)
        #expect(version(.document(.appendix, "AL")) == "25.0")
        #expect(version(.document(.schedule, "8")) == "4.1")
        #expect(r[.document(.schedule, "8")]?.relevant.map(\.description) == ["1.0", "1.1", "2.0", "2.1", "3.0", "3.1", "3.2", "4.0", "4.1"])
        #expect(r[.document(.schedule, "10")]?.relevant.count == 6)
        #expect(r[.document(.appendix, "AD")]?.relevant == [v("5.1")])
        #expect(r[.document(.appendix, "AF")]?.relevant == [v("5.1")])
        #expect(version(.document(.schedule, "9")) == "1.2")
        #expect(version(.part(.schedule, "9", "SMETS2")) == nil)
        #expect(r[.part(.schedule, "9", "SMETS2")]?.datedIssues.count == 5)
        #expect(version(.document(.appendix, "A")) == nil)
        // No clause restricts AP2 to FOC (paragraph 2): every phase's plans carry it.
        #expect(r.versioned(for: .IOC).contains { $0.ref == .document(.appendix, "AP2") })
        #expect(r.versioned(for: .FOC).contains { $0.ref == .document(.appendix, "AP2") })
    }

    @Test func svtadYieldsToANewerAnnexA() {
        var b = TestData.baseline
        let i = b.documents.firstIndex { $0.ref == .document(.appendix, "AK") }!
        b.documents[i].annexA = v("11.0")
        let r = ResolvedBaseline(b)
        #expect(r[.document(.appendix, "AK")]?.version == v("11.0"))
        #expect(r[.document(.appendix, "AK")]?.clause == "TBRD 1.24 paragraph 3 and Annex A; footnote 1 gives the SVTAD version it replaces")
    }

    /// Each finding's clause names the clause it rests on, and nothing else.
    @Test func everyArtefactCitesItsOwnClause() {
        let r = TestData.resolved
        #expect(r[.code]?.clause == "TBRD 1.24 paragraph 1(i) and the Annex A heading (“Relevant version of SEC and its Subsidiary Documents”)")
        #expect(r[.document(.section, "N")]?.clause == r[.code]?.clause)
        #expect(r[.document(.appendix, "AK")]?.clause == "TBRD 1.24 footnote 1")
        #expect(r[.document(.appendix, "AD")]?.clause == "TBRD 1.24 paragraph 3 and Annex A")
        #expect(r[.document(.schedule, "8")]?.clause == "TBRD 1.24 paragraph 3; paragraph 1(ii): the versions that apply to the device models tested")
        #expect(r[.document(.appendix, "AM")]?.clause.hasPrefix("TBRD 1.24 Annex A: relevant versions of SEC subsidiary documents currently subject") == true)
        for a in r.artefacts where a.ref.kind == .section || a.ref == .code { #expect(!a.clause.contains("paragraph 3"), "\(a.ref)") }
    }
}

@Suite struct DocumentNameTests {
    @Test(arguments: [
        ("SEC", DocumentRef.code), ("sec", .code), ("Smart Energy Code", .code),
        ("Appendix AD", .document(.appendix, "AD")), ("AD", .document(.appendix, "AD")),
        ("SEC Appendix AD", .document(.appendix, "AD")), ("sec appendix ad", .document(.appendix, "AD")),
        ("SEC-Appendix AL", .document(.appendix, "AL")), ("SEC Appendix AD – ", .document(.appendix, "AD")),
        ("Schedule 9", .document(.schedule, "9")), ("SEC Schedule 09", .document(.schedule, "9")), ("Sch 10", .document(.schedule, "10")),
        ("Section N", .document(.section, "N")),
        ("SMETS1 SVTAD", .document(.appendix, "AK")), ("Appendix AP2", .document(.appendix, "AP2")),
        ("Appendix AZ", .document(.appendix, "AZ")),
    ])
    func readsTheFormsPeopleWrite(text: String, ref: DocumentRef) {
        #expect(DocumentName.parse(text) == ref)
    }

    @Test(arguments: ["", "Appendix", "Schedule AD", "Appendix 12", "DUIS", "Appendix ABCD", "Schedule 1234", "Annex A", "TMAD", "SVTAD"])
    func rejectsWhatIsNotADocumentName(text: String) {
        #expect(DocumentName.parse(text) == nil)
    }

    static let names = TestData.resolved.names

    @Test(arguments: [
        ("DUIS", DocumentRef.document(.appendix, "AD")), ("duis", .document(.appendix, "AD")), ("SEC DUIS", .document(.appendix, "AD")),
        ("MMC", .document(.appendix, "AF")), ("GBCS", .document(.schedule, "8")), ("CHTS", .document(.schedule, "10")),
        ("SMETS1", .document(.schedule, "9")), ("SMETS2", .part(.schedule, "9", "SMETS2")), ("SMETS1 TMAD", .document(.appendix, "AL")),
        ("S1SR", .document(.appendix, "AM")), ("SMETS1 SVTAD", .document(.appendix, "AK")),
        ("DCC User Interface Specification", .document(.appendix, "AD")), ("dcc user interface specification", .document(.appendix, "AD")),
        ("SEC Appendix AD – DCC User Interface Specification", .document(.appendix, "AD")),
        ("SEC-Appendix AL SMETS1 – Transition and Migration Approach Document", .document(.appendix, "AL")),
        ("Great Britain Companion Specification", .document(.schedule, "8")),
        ("Smart Metering Equipment Technical Specifications 2", .part(.schedule, "9", "SMETS2")),
    ])
    func readsTitlesAndAliases(text: String, ref: DocumentRef) {
        #expect(DocumentNameTests.names.resolve(text) == .document(ref))
    }

    /// Property: every title and alias in the baseline names its document, in any case, with or without
    /// "SEC" in front and with its code in front as the TBRD writes it; names shared by several documents
    /// are ambiguous and name them all.
    @Test func everyTitleAndAliasResolves() {
        var byName: [String: Set<DocumentRef>] = [:]
        for doc in TestData.baseline.documents {
            for name in [doc.title] + doc.aliases { byName[name.uppercased(), default: []].insert(doc.ref) }
            for part in doc.parts { for name in [part.title, part.name] + part.aliases { byName[name.uppercased(), default: []].insert(.part(doc.kind, doc.id, part.name)) } }
        }
        for (name, refs) in byName {
            for written in [name, name.lowercased(), "SEC \(name)"] {
                switch DocumentNameTests.names.resolve(written) {
                case .document(let ref): #expect(refs == [ref], "\(written)")
                case .ambiguous(let all): #expect(Set(all) == refs && refs.count > 1, "\(written)")
                case .unknown: Issue.record("\(written) is not read as a document name")
                }
            }
            if refs.count == 1, case .document(let kind, let id)? = refs.first {
                #expect(DocumentNameTests.names.resolve("SEC \(kind.title) \(id) – \(name)") == .document(refs.first!))
            }
        }
        #expect(DocumentNameTests.names.resolve("TMAD") == .ambiguous([.document(.appendix, "AL"), .document(.appendix, "AS"), .document(.appendix, "AU")]))
        #expect(DocumentNameTests.names.resolve("Transition and Migration") == .unknown)
    }
}

@Suite struct BaselineDecodingTests {
    func errors(_ mutate: (inout [String: Any]) -> Void) -> [Diagnostic] {
        var json = try! JSONSerialization.jsonObject(with: Data(EmbeddedBaseline.bytes)) as! [String: Any]
        mutate(&json)
        let data = try! JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys])
        return decodeFailure { () throws(Diagnostics) in try BaselineDecoding.decode(file: "b.json", bytes: [UInt8](data)) }?.all ?? []
    }

    func documents(_ j: [String: Any]) -> [[String: Any]] { j["documents"] as! [[String: Any]] }

    @Test func embeddedDecodes() { #expect(errors { _ in }.isEmpty) }

    @Test func documentListedTwice() {
        let e = errors { j in j["documents"] = documents(j) + [documents(j)[30]] }
        #expect(e.count == 1)
        #expect(e.first?.message.contains("listed twice") == true)
        #expect(e.first?.path == "$.documents[\(TestData.baseline.documents.count)]")
        #expect(e.first?.position != nil)
    }

    @Test func badVersionDateAndPhase() {
        let e = errors { j in
            var docs = documents(j)
            docs[30]["annexA"] = "5.x"
            docs[31]["phases"] = ["EOC"]
            j["documents"] = docs
            var t = j["tbrd"] as! [String: Any]
            t["date"] = "2023-02-30"
            j["tbrd"] = t
            j["sec"] = 72
        }
        #expect(e.contains { $0.path == "$.documents[30].annexA" && $0.message.contains("dotted number") })
        #expect(e.contains { $0.path == "$.documents[31].phases[0]" && $0.message.contains("IOC, MOC, FOC") })
        #expect(e.contains { $0.path == "$.tbrd.date" && $0.message.contains("real calendar date") })
        #expect(e.contains { $0.path == "$.sec" && $0.message.contains("found the number 72") })
    }

    @Test func unknownKeysAndPhaseNames() {
        let e = errors { j in
            j["secVersion"] = "72.0"
            var p = j["phases"] as! [String: Any]
            p["EOC"] = "Extra"
            j["phases"] = p
        }
        #expect(e.contains { $0.path == "$.secVersion" && $0.message.contains("unknown key") })
        #expect(e.contains { $0.path == "$.phases.EOC" })
    }

    @Test func documentIDMustMatchItsKind() {
        let e = errors { j in
            var docs = documents(j)
            docs[20]["id"] = "ad"
            j["documents"] = docs
        }
        #expect(e.contains { $0.path == "$.documents[20].id" })
    }
    /// A baseline whose facts contradict each other would make verdicts that contradict the TBRD.
    @Test func contradictoryFactsAreRefused() {
        func patched(_ id: String, _ change: @escaping (inout [String: Any]) -> Void) -> [Diagnostic] {
            errors { j in
                var docs = documents(j)
                let i = docs.firstIndex { $0["id"] as? String == id }!
                change(&docs[i])
                j["documents"] = docs
            }
        }
        // In legal effect above the consultation version: a plan at 13.0 would fail as "older".
        let above = patched("AM") { $0["legalEffect"] = ["13.0"] }
        #expect(above.contains { ($0.path?.hasSuffix(".legalEffect") ?? false) && $0.message.contains("13.0 in legal effect, more recent than its consultation version 12.0") })
        #expect(patched("AM") { $0["legalEffect"] = ["11.0"] }.isEmpty, "an older version in legal effect is no contradiction")
        // Listed in Annex A both as relevant and as subject to further consultation.
        #expect(patched("AM") { $0["annexA"] = "13.0" }.contains { ($0.path?.hasSuffix(".annexA") ?? false) && $0.message.contains("not both") })
        // AK's version is the SVTAD version (footnote 1): a legalEffect of its own would be ignored.
        #expect(patched("AK") { $0["legalEffect"] = ["9.0"] }.contains { $0.message.contains("footnote 1") })
    }
}
