// The source of the ReadModuleManifest inline task (build/TensorOne.Package.proj compiles it with the
// SDK's RoslynCodeTaskFactory). It reads the PowerShell Gallery metadata out of the module manifest, so
// the manifest stays the one place a release is described. PowerShell's parser is not available to
// MSBuild and packaging must run with nothing but the .NET SDK, so this reads the subset of the data
// file syntax a manifest uses (quoted strings, here-strings, @() lists of strings, nested @{} tables)
// and fails, naming the key, on anything it cannot read rather than packing wrong metadata.
// tests/TensorOne.PowerShell.Tests/PackageTests.cs checks its result against Test-ModuleManifest.
#nullable enable

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class ReadModuleManifest : Task
{
    // The tags PowerShellGet gives a module of compiled cmdlets; the gallery's search filters read them.
    private const string ModuleTag = "PSModule";
    private const string IncludesCmdletTag = "PSIncludes_Cmdlet";

    [Required]
    public string ManifestFile { get; set; } = "";

    [Output]
    public string ModuleVersion { get; private set; } = "";

    /// <summary>ModuleVersion, with -Prerelease appended when PSData has one: the gallery's version.</summary>
    [Output]
    public string PackageVersion { get; private set; } = "";

    [Output]
    public string Author { get; private set; } = "";

    [Output]
    public string CompanyName { get; private set; } = "";

    [Output]
    public string Copyright { get; private set; } = "";

    [Output]
    public string Description { get; private set; } = "";

    [Output]
    public string ProjectUri { get; private set; } = "";

    [Output]
    public string LicenseUri { get; private set; } = "";

    [Output]
    public string IconUri { get; private set; } = "";

    [Output]
    public string ReleaseNotes { get; private set; } = "";

    /// <summary>PSModule, the manifest's tags, PSIncludes_Cmdlet and PSCmdlet_/PSCommand_ per exported cmdlet.</summary>
    [Output]
    public string[] GalleryTags { get; private set; } = Array.Empty<string>();

    public override bool Execute()
    {
        Dictionary<string, ManifestValue> values;
        try
        {
            values = new ManifestScanner(File.ReadAllText(ManifestFile)).ReadEntries();
        }
        catch (ManifestFormatException ex)
        {
            Log.LogError(null, "T1PACK", null, ManifestFile, ex.Line, 0, 0, 0, ex.Message);
            return false;
        }

        ModuleVersion = Text(values, "ModuleVersion", required: true);
        if (!Version.TryParse(ModuleVersion, out _))
        {
            Fail($"ModuleVersion '{ModuleVersion}' is not a version (major.minor[.build[.revision]]).");
        }

        var prerelease = Text(values, "Prerelease", required: false);
        PackageVersion = prerelease.Length == 0 ? ModuleVersion : ModuleVersion + "-" + prerelease;
        Author = Text(values, "Author", required: true);
        CompanyName = Text(values, "CompanyName", required: false);
        Copyright = Text(values, "Copyright", required: false);
        Description = Text(values, "Description", required: true);
        ProjectUri = ReadUri(values, "ProjectUri");
        LicenseUri = ReadUri(values, "LicenseUri");
        IconUri = ReadUri(values, "IconUri");
        ReleaseNotes = Text(values, "ReleaseNotes", required: false);

        var cmdlets = List(values, "CmdletsToExport");
        if (cmdlets.Length == 0 || cmdlets.Any(c => c.IndexOfAny(new[] { '*', '?', '[' }) >= 0))
        {
            // The gallery lists a module's commands from these tags, so they must name every cmdlet.
            Fail("CmdletsToExport must list every cmdlet by name, without wildcards.");
        }

        var tags = new List<string> { ModuleTag };
        tags.AddRange(List(values, "Tags"));
        tags.Add(IncludesCmdletTag);
        tags.AddRange(cmdlets.Select(c => "PSCmdlet_" + c));
        tags.AddRange(cmdlets.Select(c => "PSCommand_" + c));
        foreach (var tag in tags.Where(t => t.Length == 0 || t.Any(char.IsWhiteSpace)))
        {
            // A .nuspec separates tags with spaces: a tag holding one would become two.
            Fail($"The tag '{tag}' is empty or contains white space.");
        }

        GalleryTags = tags.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        return !Log.HasLoggedErrors;
    }

    private string Text(Dictionary<string, ManifestValue> values, string key, bool required)
    {
        if (!values.TryGetValue(key, out var value))
        {
            if (required)
            {
                Fail($"The manifest has no {key}; the gallery requires one.");
            }

            return "";
        }

        if (value.Items.Count != 1)
        {
            Fail($"{key} must be one quoted string.", value.Line);
            return "";
        }

        return value.Items[0].Trim();
    }

    private string[] List(Dictionary<string, ManifestValue> values, string key) =>
        values.TryGetValue(key, out var value) ? value.Items.Select(i => i.Trim()).ToArray() : Array.Empty<string>();

    private string ReadUri(Dictionary<string, ManifestValue> values, string key)
    {
        var text = Text(values, key, required: false);
        if (text.Length > 0 && !Uri.TryCreate(text, UriKind.Absolute, out _))
        {
            Fail($"{key} '{text}' is not an absolute URI.", values[key].Line);
        }

        return text;
    }

    private void Fail(string message, int line = 0) => Log.LogError(null, "T1PACK", null, ManifestFile, line, 0, 0, 0, message);

    /// <summary>A value read from the manifest: its strings (one for a scalar) and where it was.</summary>
    private sealed class ManifestValue
    {
        public ManifestValue(List<string> items, int line)
        {
            Items = items;
            Line = line;
        }

        public List<string> Items { get; }

        public int Line { get; }
    }

    private sealed class ManifestFormatException : Exception
    {
        public ManifestFormatException(string message, int line)
            : base(message)
        {
            Line = line;
        }

        public int Line { get; }
    }

    /// <summary>
    /// Reads every Key = value entry of the manifest, nested tables included, into one flat map: the
    /// keys the package needs (ModuleVersion, Tags under PrivateData.PSData, ...) are unique in a
    /// manifest. A key given twice is refused rather than guessed between.
    /// </summary>
    private sealed class ManifestScanner
    {
        private readonly string _text;
        private int _position;

        public ManifestScanner(string text) => _text = text;

        private int Line => _text.Take(_position).Count(c => c == '\n') + 1;

        private char Current => _position < _text.Length ? _text[_position] : '\0';

        private char Next => _position + 1 < _text.Length ? _text[_position + 1] : '\0';

        public Dictionary<string, ManifestValue> ReadEntries()
        {
            var entries = new Dictionary<string, ManifestValue>(StringComparer.OrdinalIgnoreCase);
            while (true)
            {
                SkipTrivia();
                if (_position >= _text.Length)
                {
                    return entries;
                }

                if (Current == '@' && Next == '{')
                {
                    _position += 2;
                    continue;
                }

                if (Current is '}' or ';')
                {
                    _position++;
                    continue;
                }

                var line = Line;
                var key = ReadKey();
                SkipTrivia();
                if (Current != '=')
                {
                    throw new ManifestFormatException($"Expected '=' after '{key}'.", Line);
                }

                _position++;
                SkipTrivia();
                if (Current == '@' && Next == '{')
                {
                    // A nested table (PrivateData, PSData): its entries are read as the loop goes on.
                    continue;
                }

                var items = ReadValue(key);
                if (entries.ContainsKey(key))
                {
                    throw new ManifestFormatException($"'{key}' appears more than once.", line);
                }

                entries.Add(key, new ManifestValue(items, line));
            }
        }

        private string ReadKey()
        {
            if (Current is '\'' or '"')
            {
                return ReadString();
            }

            var start = _position;
            while (char.IsLetterOrDigit(Current) || Current == '_')
            {
                _position++;
            }

            if (start == _position)
            {
                throw new ManifestFormatException($"Unexpected '{Current}' where a key was expected.", Line);
            }

            return _text.Substring(start, _position - start);
        }

        /// <summary>A string, a list of strings (@(...) or a, b), or a bare token such as $true kept as text.</summary>
        private List<string> ReadValue(string key)
        {
            var items = new List<string>();
            if (Current == '@' && Next == '(')
            {
                _position += 2;
                while (true)
                {
                    SkipTrivia(includeCommas: true);
                    if (Current == ')')
                    {
                        _position++;
                        return items;
                    }

                    if (!IsStringStart())
                    {
                        throw new ManifestFormatException($"{key}: only quoted strings are read inside @().", Line);
                    }

                    items.Add(ReadString());
                }
            }

            if (!IsStringStart())
            {
                var start = _position;
                while (_position < _text.Length && !char.IsWhiteSpace(Current) && Current is not (';' or '}'))
                {
                    _position++;
                }

                items.Add(_text.Substring(start, _position - start));
                return items;
            }

            items.Add(ReadString());
            while (true)
            {
                var save = _position;
                SkipSpaces();
                if (Current != ',')
                {
                    _position = save;
                    return items;
                }

                _position++;
                SkipTrivia();
                items.Add(ReadString());
            }
        }

        private bool IsStringStart() => Current is '\'' or '"' || (Current == '@' && Next is '\'' or '"');

        private string ReadString()
        {
            var line = Line;
            if (Current == '@')
            {
                return ReadHereString(line);
            }

            var quote = Current;
            _position++;
            var value = new StringBuilder();
            while (true)
            {
                if (_position >= _text.Length)
                {
                    throw new ManifestFormatException("A quoted string is not closed.", line);
                }

                var c = Current;
                if (c == quote && Next == quote)
                {
                    // Doubling the quote escapes it in both kinds of string.
                    value.Append(c);
                    _position += 2;
                    continue;
                }

                if (c == quote)
                {
                    _position++;
                    return value.ToString();
                }

                if (quote == '"' && c == '`')
                {
                    value.Append(Unescape(Next));
                    _position += 2;
                    continue;
                }

                value.Append(c);
                _position++;
            }
        }

        private string ReadHereString(int line)
        {
            var quote = Next;
            _position += 2;
            SkipSpaces();
            if (Current == '\r')
            {
                _position++;
            }

            if (Current != '\n')
            {
                throw new ManifestFormatException("A here-string's text must start on the line after @' or @\".", line);
            }

            _position++;
            var terminator = "\n" + quote + "@";
            var end = _text.IndexOf(terminator, _position, StringComparison.Ordinal);
            if (end < 0)
            {
                throw new ManifestFormatException("A here-string is not closed.", line);
            }

            var value = _text.Substring(_position, end - _position).TrimEnd('\r');
            _position = end + terminator.Length;
            return value.Replace("\r\n", "\n");
        }

        private static string Unescape(char c) => c switch
        {
            'n' => "\n",
            'r' => "\r",
            't' => "\t",
            '0' => "\0",
            _ => c.ToString(),
        };

        private void SkipSpaces()
        {
            while (Current is ' ' or '\t')
            {
                _position++;
            }
        }

        private void SkipTrivia(bool includeCommas = false)
        {
            while (_position < _text.Length)
            {
                if (char.IsWhiteSpace(Current) || (includeCommas && Current == ','))
                {
                    _position++;
                }
                else if (Current == '<' && Next == '#')
                {
                    var end = _text.IndexOf("#>", _position + 2, StringComparison.Ordinal);
                    _position = end < 0 ? _text.Length : end + 2;
                }
                else if (Current == '#')
                {
                    var end = _text.IndexOf('\n', _position);
                    _position = end < 0 ? _text.Length : end + 1;
                }
                else
                {
                    return;
                }
            }
        }
    }
}
