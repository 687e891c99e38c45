/// A free-form text message whose body may use per-recipient variables.
public typealias TextSpec = FreeformText<TextPattern>
