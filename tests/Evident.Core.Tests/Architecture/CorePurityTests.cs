using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Evident.Core.Models;

namespace Evident.Core.Tests.Architecture;

/// <summary>Core is pure statistics: no files, no console, no network. These tests read its IL references to keep it so.</summary>
public sealed class CorePurityTests
{
    private static readonly string[] ForbiddenNamespaces = ["System.IO", "System.Net", "System.Console", "Microsoft.AspNetCore"];

    [Fact]
    public void Core_ReferencesNoIoConsoleOrNetworkTypes()
    {
        var path = typeof(MetaAnalysis).Assembly.Location;
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var offenders = new List<string>();
        foreach (var handle in reader.TypeReferences)
        {
            var type = reader.GetTypeReference(handle);
            var ns = reader.GetString(type.Namespace);
            var name = reader.GetString(type.Name);
            var full = ns.Length == 0 ? name : ns + "." + name;
            if (ForbiddenNamespaces.Any(f => full == f || full.StartsWith(f + ".", StringComparison.Ordinal)))
            {
                offenders.Add(full);
            }
        }

        Assert.Empty(offenders);
    }

    [Fact]
    public void Core_ReferencesOnlyTheBaseLibraryAndMathNet()
    {
        var references = typeof(MetaAnalysis).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.All(references, name => Assert.True(
            name.StartsWith("System", StringComparison.Ordinal) || name == "netstandard" || name == "MathNet.Numerics",
            $"Evident.Core references {name}"));
    }

    [Fact]
    public void PublicResultTypes_HaveNoPublicSetters()
    {
        var mutable = typeof(MetaAnalysis).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => p.SetMethod is { IsPublic: true } setter
                && !setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit"))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();
        Assert.Empty(mutable);
    }
}
