/// The dotted number inside a JSON string literal that holds a version, as bytes of the file: what a fix
/// replaces, so that everything else in the literal stays as written (a `v` or `Version ` in front,
/// spaces around it; docs/plans.md: `version` accepts `5.1`, `v5.1`, `Version 5.1`).
///
/// `Version(written:)` reads a version as: surrounding space, then an optional `version` or `v` (any
/// case), space, then the dotted number. So the dotted number is the run of digits and dots that ends the
/// text once trailing space is trimmed. The plan decoder keeps the literal's byte span and its decoded
/// text; when the literal holds no escape (its bytes between the quotes are the text, byte for byte) the
/// run's bytes follow from the text alone, and nothing is decoded a second time. A literal with an escape
/// (`"\u0035.0"`) gets no edit: it is left for a person (`Fix.Reason.escaped`).
enum VersionLiteral {
    /// The bytes of the dotted number of `text`, the decoded contents of the string literal at `literal`
    /// (quotes included), or nil when the literal holds an escape or the text does not end in a number.
    static func dottedRange(text: String, literal: Range<Int>) -> Range<Int>? {
        let utf8 = Array(text.utf8)
        guard literal.count == utf8.count + 2, !utf8.contains(UInt8(ascii: "\\")) else { return nil }
        guard let inside = dottedRange(in: utf8) else { return nil }
        let start = literal.lowerBound + 1
        return (start + inside.lowerBound)..<(start + inside.upperBound)
    }

    /// The dotted number's range in the text's bytes.
    static func dottedRange(in utf8: [UInt8]) -> Range<Int>? {
        let scalars = String(decoding: utf8, as: UTF8.self).unicodeScalars
        var end = utf8.count
        for s in scalars.reversed() {
            guard s.properties.isWhitespace else { break }
            end -= s.utf8.count
        }
        var start = end
        while start > 0 && isDottedPart(utf8[start - 1]) { start -= 1 }
        return start < end ? start..<end : nil
    }

    static func isDottedPart(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || b == 0x2E }

    /// `text` with its dotted number replaced by `version` ("Version 4.0" → "Version 5.1").
    static func replacing(_ text: String, with version: Version) -> String {
        let utf8 = Array(text.utf8)
        guard let r = dottedRange(in: utf8) else { return version.description }
        return String(decoding: utf8[..<r.lowerBound] + Array(version.description.utf8) + utf8[r.upperBound...], as: UTF8.self)
    }
}

extension Fix {
    /// The version literal of `subject`, written `text` at `literal`, set to `target`: a fix of `applicability`,
    /// or, for a literal with an escape, a display-only one saying so.
    static func version(subject: String, text: String, literal: Range<Int>?, to target: Version, why: String,
                        applicability: Applicability = .safe, reason: Reason? = nil) -> Fix {
        let to = VersionLiteral.replacing(text, with: target)
        guard let literal, let dotted = VersionLiteral.dottedRange(text: text, literal: literal) else {
            return Fix(summary: "\(subject) at \(text): \(why); the version is written with JSON escapes, so set it to \(target) by hand",
                       edits: [], applicability: .displayOnly, reason: .escaped, subject: subject, from: text, to: text, why: why)
        }
        return Fix(summary: "\(subject) \(text) → \(to)", edits: [ByteEdit(replacing: dotted, with: target.description)],
                   applicability: applicability, reason: reason, subject: subject, from: text, to: to, why: why)
    }

    /// A decision left to a person: no edit, and what to decide.
    static func choice(_ reason: Reason, subject: String, declared: String, why: String, decide: String) -> Fix {
        Fix(summary: "\(subject) at \(declared): \(why): \(decide)", edits: [], applicability: .displayOnly, reason: reason,
            subject: subject, from: declared, to: declared, why: why)
    }

    /// "the relevant version is 5.1", "relevant versions are 3.2, 4.0, 4.1".
    static func relevantPhrase(_ r: ResolvedArtefact) -> String {
        r.relevant.count == 1 ? "the relevant version is \(r.relevant[0])" : "relevant versions are \(ResolvedArtefact.list(r.relevant))"
    }

    /// The fix of an `artefact-version` fail: the one relevant version when the baseline leaves no
    /// choice, else what a person has to choose. `declarations`: every declaration of the document in the
    /// plan, when it is declared more than once.
    static func drift(_ a: DeclaredArtefact, _ r: ResolvedArtefact, declarations: [DeclaredArtefact], facts: PlanFacts) -> Fix {
        let subject = r.ref.description
        if declarations.count > 1 {
            return duplicate(r, declarations, facts)
        }
        if r.relevant.count > 1 {
            return choice(.sideBySide, subject: subject, declared: a.versionText, why: relevantPhrase(r), decide: "choose one")
        }
        if let target = r.relevant.first, target > a.version {
            return version(subject: subject, text: a.versionText, literal: a.versionSpan, to: target, why: relevantPhrase(r))
        }
        return choice(.notLowered, subject: subject, declared: a.versionText, why: relevantPhrase(r) + ", which is older; a fix never lowers a version",
                      decide: "choose one")
    }

    /// A document declared more than once, one declaration not at a relevant version: which to keep is
    /// the plan author's call. The same words from either rule that finds it, so `fix` lists it once.
    static func duplicate(_ r: ResolvedArtefact, _ declarations: [DeclaredArtefact], _ facts: PlanFacts) -> Fix {
        // Five named, then how many more: the summary stays the same size however often the document is
        // declared (every finding of it carries this fix).
        let shown = declarations.prefix(5).map { "\($0.versionText) (\(facts.line($0.offset)))" }
        let more = declarations.count - shown.count
        let listed = more > 0 ? shown.joined(separator: ", ") + " and \(more) more"
            : shown.count <= 1 ? shown.joined() : shown.dropLast().joined(separator: ", ") + " and " + shown.last!
        return Fix(summary: "\(r.ref) at \(listed): declared more than once; \(relevantPhrase(r)): choose which declaration to keep",
                   edits: [], applicability: .displayOnly, reason: .duplicate, subject: r.ref.description,
                   from: declarations.first?.versionText ?? "", to: declarations.first?.versionText ?? "", why: relevantPhrase(r))
    }
}

extension Fix {
    /// The hint of a finding `s1check fix` mends (TBRD-free words: the fix says what it changes).
    static func hint(_ fix: Fix) -> String {
        "s1check fix sets \(fix.subject) to \(fix.to): run it on this plan for the diff, with --write to apply it"
    }
}

extension PlanFacts {
    /// Every declaration of `ref` in the plan when `a` is not its only one (in plan order), else `[a]`.
    /// Plans that declare each document once (nearly all) are told apart without a scan.
    func declarations(of ref: DocumentRef, besides a: DeclaredArtefact) -> [DeclaredArtefact] {
        declaredMoreThanOnce[ref] ?? [a]
    }
}
