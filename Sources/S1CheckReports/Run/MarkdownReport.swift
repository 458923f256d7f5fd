/// The evidence-pack report (`--markdown`): self-contained and reproducible, verdict first. Its layout
/// is `EvidencePack` (shared with `--html`), written by `MarkdownPack` as GitHub-flavoured Markdown; all
/// text taken from inputs is escaped.
public typealias MarkdownReport = EvidencePack<MarkdownPack>
