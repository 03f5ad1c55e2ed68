using System.Management.Automation;
using System.Management.Automation.Runspaces;
using TensorOne.HelpSync;

// TensorOne.HelpSync <module manifest> <help folder>
// Exit code 0: every page matches the cmdlets (pages were rewritten where their generated blocks were stale).
// Exit code 1: something needs a person (prose missing, a page documents a parameter the cmdlet lacks);
// each problem is one line in MSBuild's "file(line): error CODE: text" form, so the build lists it.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: TensorOne.HelpSync <module manifest> <help folder>");
    return 2;
}

var manifest = Path.GetFullPath(args[0]);
var helpFolder = Path.GetFullPath(args[1]);

using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
runspace.Open();
using var ps = PowerShell.Create();
ps.Runspace = runspace;
var module = ps.AddCommand("Import-Module").AddParameter("Name", manifest).AddParameter("PassThru").AddParameter("ErrorAction", "Stop")
    .Invoke<PSModuleInfo>().Single();

var problems = new List<HelpProblem>();
var commands = module.ExportedCmdlets.Values.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Select(c => new CommandFacts(c)).ToList();
var synopses = new List<(string Name, string Synopsis)>();
foreach (var command in commands)
{
    var page = CommandPage.Sync(Path.Combine(helpFolder, command.Name + ".md"), command, problems);
    synopses.Add((command.Name, page.Synopsis));
}

ModulePage.Sync(Path.Combine(helpFolder, module.Name + ".md"), module, synopses, problems);

// A page for a cmdlet the module does not export would be built into help nobody can reach.
var known = new HashSet<string>(commands.Select(c => c.Name), StringComparer.OrdinalIgnoreCase) { module.Name };
foreach (var file in Directory.GetFiles(helpFolder, "*.md"))
{
    var name = Path.GetFileNameWithoutExtension(file);
    if (!name.StartsWith("about_", StringComparison.OrdinalIgnoreCase) && !known.Contains(name))
    {
        problems.Add(new HelpProblem(file, 1, $"'{name}' is not a cmdlet the module exports; remove the page or export the cmdlet."));
    }
}

foreach (var problem in problems)
{
    Console.WriteLine(problem);
}

Console.WriteLine($"Help: {commands.Count} cmdlet pages checked against the staged module, {problems.Count} problems.");
return problems.Count == 0 ? 0 : 1;
