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
        // in another class that the JIT reaches only after this.
        var cmdlets = Assembly.LoadFrom(Path.Combine(args[0], "TensorOne.PowerShell.dll"));
        var resolver = cmdlets.GetType("TensorOne.PowerShell.Loading.FrameworkResolver", throwOnError: true);
        resolver.GetMethod("Install", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, null);
        Console.WriteLine("resolver: " + resolver.FullName + " installed from " + cmdlets.Location);

        try
        {
            return Smoke.Run(new Uri(args[1]), args[2]);
        }
        catch (Exception ex)
        {
            Console.WriteLine("FAILED: " + ex);
            return 1;
        }
    }
}
