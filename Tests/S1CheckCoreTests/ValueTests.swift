import Foundation
import Testing
import S1CheckTestSupport
@testable import S1CheckCore

@Suite struct VersionTests {
    @Test(arguments: ["5.1", "v5.1", "V5.1", "Version 5.1", "version 5.1", " 5.1 ", "version5.1", "5.1.0"])
    func readsTheFormsPeopleWrite(text: String) {
        #expect(Version(written: text) == Version(dotted: "5.1"))
    }

    @Test(arguments: ["", "5.", ".5", "5..1", "five", "5.1a", "v", "-1", "5,1", "1234567890.0", "5.1 beta"])
    func rejectsWhatIsNotADottedNumber(text: String) {
        #expect(Version(written: text) == nil)
    }

    @Test func baselineFormIsStrict() {
        #expect(Version(dotted: "v5.1") == nil)
        #expect(Version(dotted: "5.1") != nil)
    }

    @Test func comparesAsDottedNumbers() {
        let v = { Version(dotted: $0)! }
        #expect(v("5.10") > v("5.9"))
        #expect(v("10.0") > v("9.99"))
        #expect(v("5.1") == v("5.1.0"))
        #expect(Version(dotted: "05.1") == nil && Version(dotted: "5.01") == nil && Version(written: "v5.00") == nil, "a leading zero is refused")
        #expect(v("0.5") == v("0.5.0"))
        #expect(v("5.1.1") > v("5.1"))
        #expect(Set([v("5.1"), v("5.1.0")]).count == 1)
        #expect(v("5.10").description == "5.10")
    }

    /// Property: ordering agrees with a reference (zero-padded tuple comparison), is a total order, and
    /// equality agrees with hashing.
    @Test func orderingIsATotalOrderAgreeingWithAReference() {
        var rng = SplitMix(seed: 7)
        func random() -> [Int] { (0..<Int(1 + rng.next() % 4)).map { _ in Int(rng.next() % 12) } }
        func reference(_ a: [Int], _ b: [Int]) -> Int {
            let n = max(a.count, b.count)
            for k in 0..<n {
                let x = k < a.count ? a[k] : 0, y = k < b.count ? b[k] : 0
                if x != y { return x < y ? -1 : 1 }
            }
            return 0
        }
        for _ in 0..<3000 {
            let a = random(), b = random(), c = random()
            let va = Version(components: a)!, vb = Version(components: b)!, vc = Version(components: c)!
            let r = reference(a, b)
            #expect((va < vb) == (r < 0))
            #expect((va == vb) == (r == 0))
            #expect([va < vb, vb < va, va == vb].filter { $0 }.count == 1)
            if va == vb { #expect(va.hashValue == vb.hashValue) }
            if va < vb && vb < vc { #expect(va < vc) }
            // Text round trip.
            #expect(Version(dotted: va.description) == va)
        }
    }
}

@Suite struct CalendarDateTests {
    @Test func acceptsRealDatesOnly() {
        #expect(CalendarDate(iso: "2023-02-28") != nil)
        #expect(CalendarDate(iso: "2023-02-29") == nil)
        #expect(CalendarDate(iso: "2023-02-30") == nil)
        #expect(CalendarDate(iso: "2024-02-29") != nil)
        #expect(CalendarDate(iso: "1900-02-29") == nil)
        #expect(CalendarDate(iso: "2000-02-29") != nil)
        #expect(CalendarDate(iso: "2023-04-31") == nil)
        #expect(CalendarDate(iso: "2023-13-01") == nil)
        #expect(CalendarDate(iso: "2023-00-10") == nil)
        #expect(CalendarDate(iso: "2023-6-1") == nil)
        #expect(CalendarDate(iso: "2023-06-01T00:00") == nil)
        #expect(CalendarDate(iso: "２０２３-06-01") == nil)
    }

    /// Property: validity and ordering agree with Foundation's Gregorian calendar.
    @Test func agreesWithFoundationsCalendar() {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        var rng = SplitMix(seed: 11)
        var previous: (CalendarDate, Date)?
        for _ in 0..<2000 {
            let y = 1800 + Int(rng.next() % 400), m = 1 + Int(rng.next() % 12), d = 1 + Int(rng.next() % 31)
            let ours = CalendarDate(year: y, month: m, day: d)
            let comps = DateComponents(year: y, month: m, day: d)
            let date = cal.date(from: comps)!
            let back = cal.dateComponents([.year, .month, .day], from: date)
            let foundationValid = back.year == y && back.month == m && back.day == d
            #expect((ours != nil) == foundationValid, "\(y)-\(m)-\(d)")
            if let ours {
                #expect(CalendarDate(iso: ours.description) == ours)
                if let (p, pd) = previous { #expect((p < ours) == (pd < date)) }
                previous = (ours, date)
            }
        }
    }
}

@Suite struct SHA256Tests {
    // FIPS 180-4 / NIST CAVP example vectors.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func matchesNISTVectors(message: String, digest: String) {
        #expect(SHA256.hex(of: Array(message.utf8)) == digest)
    }

    @Test func millionAs() {
        #expect(SHA256.hex(of: [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Every padding boundary (55, 56, 63, 64, 65 bytes...) against the system's sha256sum.
    @Test(.enabled(if: ExternalTool.sha256sum.shouldRun, Comment(rawValue: ExternalTool.sha256sum.skipReason)))
    func agreesWithSha256sumAcrossBlockBoundaries() throws {
        for n in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 1000] {
            let bytes = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let out = try ExternalTool.sha256sum.run([], input: bytes).out
            #expect(out.hasPrefix(SHA256.hex(of: bytes)), "length \(n)")
        }
    }
}

@Suite struct EditDistanceTests {
    @Test func distancesAndSuggestions() {
        #expect(editDistance("artefact", "artefacts") == 1)
        #expect(editDistance("", "abc") == 3)
        #expect(editDistance("Kitten", "sitting") == 3)
        #expect(nearest(to: "artefact", in: ["id", "artefacts", "phase"], maxDistance: 2) == ["artefacts"])
        #expect(nearest(to: "zzz", in: ["id"], maxDistance: 1).isEmpty)
    }
}

@Suite struct FormatCharacterTests {
    /// The escapers look closer only at bytes that may start a format character: the list must hold the
    /// lead byte of every one the Unicode data knows.
    @Test func everyFormatCharacterStartsWithAListedLeadByte() {
        var leads = Set<UInt8>(), count = 0
        for v in UInt32(0)...0x10FFFF {
            guard let u = Unicode.Scalar(v), u.properties.generalCategory == .format else { continue }
            #expect(Unicode.isFormatCharacter(u))
            leads.insert(String(u).utf8.first!)
            count += 1
        }
        #expect(count > 150)
        #expect(leads.isSubset(of: Set(Unicode.formatLeadBytes)), "\(leads.sorted())")
        #expect(!Unicode.isFormatCharacter("a") && !Unicode.isFormatCharacter("·") && !Unicode.isFormatCharacter("\u{1B}"))
    }
}
