namespace HumanSecurityAlerts.LocalHost.Functions;

/// <param name="Name">The binding's name: the trigger parameter's name, under which the invocation passes its data.</param>
internal abstract record TriggerBinding(string Name);
