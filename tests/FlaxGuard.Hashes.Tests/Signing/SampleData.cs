using FlaxGuard.Hashes.Sources;

namespace FlaxGuard.Hashes.Tests.Signing;

/// <summary>TEST DATA: a small made-up firmware data folder (hashes are arbitrary, URLs point nowhere real).</summary>
internal static class SampleData
{
    public static void Write(string directory)
    {
        Directory.CreateDirectory(Path.Combine(directory, SourceSet.KnownGoodFolder));
        File.WriteAllText(Path.Combine(directory, SourceSet.KnownGoodFolder, "examplevendor.tsv"),
            "# test data\n" +
            "vendor\tmodel\tversion\tartifact\tsha256\tsource\n" +
            $"ExampleVendor\tER-1\t1.0.0\ter1-1.0.0.bin\t{new string('1', 64)}\thttps://example.invalid/er1/sums\n" +
            $"ExampleVendor\tER-1\t1.0.1\ter1-1.0.1.bin\t{new string('2', 64)}\thttps://example.invalid/er1/sums\n");
        File.WriteAllText(Path.Combine(directory, SourceSet.KnownGoodFolder, "othervendor.tsv"),
            "vendor\tmodel\tversion\tartifact\tsha256\tsource\n" +
            $"OtherVendor\tCam 2\t2.3\tcam2.bin\t{new string('3', 64)}\thttps://example.invalid/cam2\n");
        File.WriteAllText(Path.Combine(directory, SourceSet.KnownExploitedFile),
            "vendor\tproduct\tcategory\tmodel_pattern\taffected\tfixed\tcve\tkev_date_added\tbotnet_2024\tsource\tnote\n" +
            "ExampleVendor\tER routers\trouter\tER-*\t<1.0.1\t1.0.1\tCVE-2099-0001\t\tno\thttps://example.invalid/advisory\ttest row\n");
    }
}
