/// The body of `GET /{waba-id}/message_templates`.
struct TemplateList: Encodable, Sendable {
    private struct Entry: Encodable {
        var name: String
        var language: String
        var status: String
        var category: String
        var id: String
        var components: [Component]
    }

    private struct Component: Encodable {
        var type: String
        var text: String
    }

    private struct Paging: Encodable {
        var cursors: Cursors
    }

    private struct Cursors: Encodable {
        var before: String
        var after: String
    }

    private let data: [Entry]
    private let paging: Paging

    init(templates: [SimulatedTemplate]) {
        self.data = templates.map {
            Entry(
                name: $0.name, language: $0.language, status: $0.status, category: $0.category, id: $0.id,
                components: [Component(type: "BODY", text: $0.bodyText)])
        }
        self.paging = Paging(cursors: Cursors(before: "MAZDZD", after: "MjQZD"))
    }
}
