using System.Collections;
using System.Management.Automation;

namespace TensorOne.PowerShell.Input;

/// <summary>
/// Takes a cluster id out of what was given: a string as it is, a hashtable or object by its Id,
/// ClusterId or cluster_id. Anything else is refused at binding time. Without this PowerShell turns a
/// hashtable into the text "System.Collections.Hashtable", which is a well-formed id that would be sent.
/// A cluster object of the module's own types also keeps what it says (status, rate), so -WhatIf and
/// -Confirm describe it without a read (<see cref="KnownClusterState"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ClusterIdInputAttribute : ArgumentTransformationAttribute
{
    private static readonly string[] IdNames = { "Id", "ClusterId", "cluster_id" };

    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = Unwrap(inputData);
        if (KnownClusterState.Capture(value) is { } known)
        {
            return known;
        }

        if (value is null or string or string[])
        {
            return inputData;
        }

        if (value is IList list && value is not IDictionary)
        {
            var ids = new object?[list.Count];
            for (var i = 0; i < list.Count; i++)
            {
                ids[i] = One(list[i]);
            }

            return ids;
        }

        return One(inputData)!;
    }

    private static object? One(object? item)
    {
        var value = Unwrap(item);
        switch (value)
        {
            case null or string:
                return value;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (entry.Key is string key && IdNames.Any(n => string.Equals(n, key, StringComparison.OrdinalIgnoreCase)))
                    {
                        return Unwrap(entry.Value);
                    }
                }

                throw Refused("a hashtable without an Id, ClusterId or cluster_id key");
            case char or sbyte or byte or short or ushort or int or uint or long or ulong:
                return value.ToString();
        }

        var wrapped = item as PSObject ?? PSObject.AsPSObject(value);
        foreach (var name in IdNames)
        {
            if (wrapped.Properties[name] is { } property && Unwrap(property.Value) is { } id)
            {
                return id switch
                {
                    string text => text,
                    char or sbyte or byte or short or ushort or int or uint or long or ulong => id.ToString()!,
                    _ => throw Refused("an object whose " + name + " is neither text nor a whole number"),
                };
            }
        }

        throw Refused($"an object of type {value.GetType().FullName} without an Id, ClusterId or cluster_id property");
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : value;

    private static ArgumentTransformationMetadataException Refused(string what) =>
        new($"The input is {what}, not a cluster id. Pass ids as text (-Id cluster_abc), or objects from Get-T1Cluster or Import-Csv that carry an Id, ClusterId or cluster_id.");
}
