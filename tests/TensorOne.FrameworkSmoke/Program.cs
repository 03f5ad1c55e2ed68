using System;
using System.IO;
using System.Reflection;

namespace TensorOne.FrameworkSmoke;

/// <summary>
/// Usage: mono TensorOne.FrameworkSmoke.exe &lt;module folder&gt; &lt;base uri&gt; &lt;api key&gt;.
/// Exit code 0 when every step did what it should; each step prints one line.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length != 3)
        {
            Console.Error.WriteLine("Usage: TensorOne.FrameworkSmoke.exe <module folder> <base uri> <api key>");
            return 2;
        }

        // Nothing of the client may be touched before the resolver is in place, so the smoke runs
        // in another class that the JIT reaches only after this. The module's own registration picks
        // the resolver for this runtime, as Import-Module would.
        var cmdlets = Assembly.LoadFrom(Path.Combine(args[0], "TensorOne.PowerShell.dll"));
        var registration = new ModuleRegistration(cmdlets);
        Console.WriteLine("resolver: " + registration.Acquire() + " chosen by " + cmdlets.Location);
        Console.WriteLine("handlers after import: " + registration.FrameworkHandlers());

        // In powershell.exe the cmdlet assembly asks for TensorOne.Client; here this program does,
        // and the module's resolver must refuse it (not one of its own assemblies). This stand-in
        // then serves the client alone; everything the client needs must come from the module's resolver.
        var bridge = new ClientBridge(Path.Combine(args[0], "dependencies"));
        AppDomain.CurrentDomain.AssemblyResolve += bridge.Resolve;

        int result;
        try
        {
            result = Smoke.Run(new Uri(args[1]), args[2]);
        }
        catch (Exception ex)
        {
            Console.WriteLine("FAILED: " + ex);
            result = 1;
        }

        foreach (var asked in bridge.Asked)
        {
            Console.WriteLine("declined by the module: " + asked);
        }

        registration.Release();
        Console.WriteLine("handlers after remove: " + registration.FrameworkHandlers());
        return result;
    }
}
