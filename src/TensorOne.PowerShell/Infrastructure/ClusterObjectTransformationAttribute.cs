using System.Management.Automation;

namespace TensorOne.PowerShell.Infrastructure;

/// <summary>
/// Binds a cluster object of the module's own types to its id while keeping what it says (status,
/// rate) for -WhatIf and -Confirm; any other value passes through to the usual binding untouched.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ClusterObjectTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return KnownClusterState.Capture(value) ?? inputData;
    }
}
