/// An approved template and how to fill its parameters for each recipient.
public typealias TemplateSpec = Template<TextPattern>
