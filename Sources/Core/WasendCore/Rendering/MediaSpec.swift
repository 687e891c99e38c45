/// A ``MediaReference`` whose id or link may depend on the recipient (`https://cdn/{{ticket}}.pdf`).
public typealias MediaSpec = Media<TextPattern>

extension MediaSpec {
    var pattern: TextPattern {
        switch self {
        case .id(let pattern), .link(let pattern): pattern
        }
    }
}
