/// Which part of a template a ``Template/Component`` fills. Not generic, so a spec's component
/// and the component it renders to share it.
public enum TemplateComponentKind: String, Sendable, Codable {
    case header, body, button
}
