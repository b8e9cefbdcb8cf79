namespace Evident.Evidence.Tests.Checking;

public sealed class CorpusDump
{
    [Fact]
    public void Dump()
    {
        var dir = Environment.GetEnvironmentVariable("CORPUS_DUMP");
        if (dir is null)
        {
            return;
        }

        Directory.CreateDirectory(dir);
        foreach (var item in EvaluationCorpus.Items())
        {
            File.WriteAllText(Path.Combine(dir, item.Name), item.Text);
        }
    }
}
