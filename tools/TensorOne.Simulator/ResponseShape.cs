namespace TensorOne.Simulator;

/// <summary>Which of the two documented response shapes the simulator answers with.</summary>
public enum ResponseShape
{
    /// <summary><c>{"success":true,"data":{...},"meta":{...}}</c> with snake_case fields.</summary>
    Envelope,

    /// <summary>Bare camelCase cluster objects and the flat error object.</summary>
    Bare,
}
