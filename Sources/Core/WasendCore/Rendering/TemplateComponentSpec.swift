/// The parameter specs of a template's header, body or one button.
public typealias TemplateComponentSpec = Template<TextPattern>.Component
