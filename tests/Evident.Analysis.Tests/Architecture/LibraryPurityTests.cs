using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Evident.Analysis.Tests.Architecture;

/// <summary>
/// Every library is pure: it reads from streams and writes to writers its caller gives, and never touches files, the
/// console, processes, the network or the environment itself; the front ends (the CLI, the web app) do. These tests read
/// each library's IL references to keep it so (Core has a stricter test of its own: no System.IO at all).
/// </summary>
public sealed class LibraryPurityTests
{
    /// <summary>Types a library may not use at all.</summary>
    private static readonly string[] ForbiddenTypes =
    [
        "System.Console", "System.IO.File", "System.IO.FileInfo", "System.IO.Directory", "System.IO.DirectoryInfo",
        "System.IO.FileStream", "System.IO.FileSystemInfo", "System.IO.FileSystemWatcher", "System.IO.DriveInfo",
        "System.IO.RandomAccess", "System.Diagnostics.Process", "System.Net.Dns", "System.Net.WebClient", "System.Net.WebRequest",
    ];

    /// <summary>Namespaces a library may not use at all (System.Net.WebUtility's HTML encoding is a string function, allowed).</summary>
    private static readonly string[] ForbiddenNamespaces = ["System.Net.Http", "System.Net.Sockets", "System.Net.Mail", "Microsoft.AspNetCore", "Microsoft.Data", "Npgsql"];

    /// <summary>Members that touch the machine although their type is otherwise harmless.</summary>
    private static readonly string[] ForbiddenMembers =
    [
        "System.IO.Path.GetTempPath", "System.IO.Path.GetTempFileName", "System.IO.Path.GetFullPath", "System.IO.Path.Exists",
        "System.Environment.GetEnvironmentVariable", "System.Environment.GetEnvironmentVariables", "System.Environment.SetEnvironmentVariable",
        "System.Environment.get_CurrentDirectory", "System.Environment.Exit", "System.Environment.GetCommandLineArgs",
        "SkiaSharp.SKTypeface.FromFile", "SkiaSharp.SKData.Create", "SkiaSharp.SKBitmap.Decode", "SkiaSharp.SKImage.FromEncodedData",
    ];

    /// <summary>The library assemblies, one type from each.</summary>
    public static TheoryData<string> Libraries() => new(LibraryTypes.Keys);

    private static readonly Dictionary<string, Type> LibraryTypes = new()
    {
        ["Evident.Core"] = typeof(Core.Models.MetaAnalysis),
        ["Evident.Analysis"] = typeof(Analyzer),
        ["Evident.Review"] = typeof(Review.RiskOfBias.RobTable),
        ["Evident.Rendering"] = typeof(Rendering.Drawing.Drawing),
        ["Evident.Evidence"] = typeof(Evidence.Summaries.EvidenceSummary),
    };

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Library_UsesNoFileConsoleProcessNetworkOrEnvironment(string library)
    {
        var offenders = Offenders(LibraryTypes[library].Assembly);

        Assert.True(offenders.Count == 0, $"{library} references {string.Join(", ", offenders)}");
    }

    [Fact]
    public void TheCheck_FindsFileAccess_InAnAssemblyThatHasIt()
    {
        // This test assembly opens the libraries' files with a FileStream: the check must see it.
        Assert.Contains("System.IO.FileStream", Offenders(typeof(LibraryPurityTests).Assembly));
    }

    private static List<string> Offenders(Assembly assembly) => [.. References(assembly)
        .Where(r => ForbiddenTypes.Contains(r.Type)
            || ForbiddenNamespaces.Any(n => r.Type.StartsWith(n + ".", StringComparison.Ordinal))
            || (r.Member is { } m && ForbiddenMembers.Contains($"{r.Type}.{m}"))
            || IsPathConstructor(r))
        .Select(r => r.Member is null ? r.Type : $"{r.Type}.{r.Member}{r.Signature}")
        .Distinct()
        .Order(StringComparer.Ordinal)];

    [Fact]
    public void Libraries_DependOnlyDownTheHouse()
    {
        // Core → Analysis → Review; Rendering and Evidence on top; no library knows a front end.
        var allowed = new Dictionary<string, string[]>
        {
            ["Evident.Core"] = [],
            ["Evident.Analysis"] = ["Evident.Core"],
            ["Evident.Review"] = ["Evident.Core", "Evident.Analysis"],
            ["Evident.Rendering"] = ["Evident.Core", "Evident.Analysis", "Evident.Review"],
            ["Evident.Evidence"] = ["Evident.Core", "Evident.Analysis", "Evident.Review"],
        };
        foreach (var (library, type) in LibraryTypes)
        {
            var evident = type.Assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Evident", StringComparison.Ordinal));
            Assert.All(evident, name => Assert.True(allowed[library].Contains(name), $"{library} references {name}"));
        }
    }

    /// <summary>A StreamReader or StreamWriter made from a path (a string first argument) opens a file.</summary>
    private static bool IsPathConstructor((string Type, string? Member, string Signature) r)
        => r.Type is "System.IO.StreamReader" or "System.IO.StreamWriter" && r.Member == ".ctor" && r.Signature.StartsWith("(string", StringComparison.Ordinal);

    /// <summary>Every type the assembly references, and every member of another assembly it calls, with a short signature.</summary>
    private static List<(string Type, string? Member, string Signature)> References(Assembly assembly)
    {
        using var stream = new FileStream(assembly.Location, FileMode.Open, FileAccess.Read);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        string Name(EntityHandle handle) => handle.Kind == HandleKind.TypeReference
            ? Full(reader.GetTypeReference((TypeReferenceHandle)handle))
            : handle.Kind == HandleKind.TypeSpecification ? "(generic)" : "(local)";
        string Full(TypeReference t)
        {
            var ns = reader.GetString(t.Namespace);
            var name = reader.GetString(t.Name);
            return t.ResolutionScope.Kind == HandleKind.TypeReference
                ? $"{Full(reader.GetTypeReference((TypeReferenceHandle)t.ResolutionScope))}+{name}"
                : ns.Length == 0 ? name : $"{ns}.{name}";
        }

        var references = reader.TypeReferences.Select(h => (Full(reader.GetTypeReference(h)), (string?)null, string.Empty)).ToList();
        foreach (var handle in reader.MemberReferences)
        {
            var member = reader.GetMemberReference(handle);
            var signature = member.GetKind() == MemberReferenceKind.Method
                ? member.DecodeMethodSignature(new SignatureNames(), null).ParameterTypes is var p ? $"({string.Join(",", p)})" : string.Empty
                : string.Empty;
            references.Add((Name(member.Parent), reader.GetString(member.Name), signature));
        }

        return references;
    }

    /// <summary>Parameter types by short name, enough to tell a path (string) from a stream.</summary>
    private sealed class SignatureNames : ISignatureTypeProvider<string, object?>
    {
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode == PrimitiveTypeCode.String ? "string" : typeCode.ToString().ToLowerInvariant();

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeDefinition(handle).Name);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => reader.GetString(reader.GetTypeReference(handle).Name);

        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) => "spec";

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[,]";

        public string GetByReferenceType(string elementType) => elementType + "&";

        public string GetPointerType(string elementType) => elementType + "*";

        public string GetGenericInstantiation(string genericType, System.Collections.Immutable.ImmutableArray<string> typeArguments) => genericType;

        public string GetGenericMethodParameter(object? genericContext, int index) => "M" + index;

        public string GetGenericTypeParameter(object? genericContext, int index) => "T" + index;

        public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

        public string GetPinnedType(string elementType) => elementType;
    }
}
