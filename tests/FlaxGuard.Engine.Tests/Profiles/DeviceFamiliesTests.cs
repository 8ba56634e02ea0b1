using FlaxGuard.Engine.Families;
using FlaxGuard.Wording;

namespace FlaxGuard.Engine.Tests.Profiles;

/// <summary>The one family table the CLI, the agent, the dongle and the server read.</summary>
[TestClass]
public class DeviceFamiliesTests
{
    [TestMethod]
    public void Profiles_AreUnique_AndEachIsDescribedOnTheHost()
    {
        var profiles = DeviceFamilies.All.Select(f => f.Profile).Where(p => p != null).ToArray();
        Assert.AreEqual(profiles.Length, profiles.Distinct(StringComparer.Ordinal).Count(), string.Join(", ", profiles));
        CollectionAssert.AreEqual(profiles, DeviceFamilies.ProfileNames());
        foreach (var profile in profiles) Assert.IsTrue(ProfileDescriptions.Has(profile!), profile);
    }

    [TestMethod]
    public void Find_GivesTheFamilyOfAProfile_AndNullForAnythingElse()
    {
        Assert.AreEqual("openwrt", DeviceFamilies.Find("openwrt")!.Profile);
        Assert.IsNull(DeviceFamilies.Find("OpenWrt"), "profiles are exact, lower-case names");
        Assert.IsNull(DeviceFamilies.Find(null!));
        Assert.IsNull(DeviceFamilies.Find("snmp-v9"));
    }

    [TestMethod]
    public void EveryFamilyClass_IsRegistered()
    {
        // A family folder whose descriptor is not in the table would be dead code on every appliance.
        var declared = typeof(DeviceFamilies).Assembly.GetReferencedAssemblies()
            .Where(a => a.Name!.StartsWith("FlaxGuard.Family.", StringComparison.Ordinal))
            .Select(System.Reflection.Assembly.Load)
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsSubclassOf(typeof(DeviceFamily)) && !t.IsAbstract)
            .Select(t => t.FullName!)
            .OrderBy(n => n, StringComparer.Ordinal).ToArray();
        var registered = DeviceFamilies.All.Select(f => f.GetType().FullName!).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(declared, registered);
        Assert.IsGreaterThanOrEqualTo(9, declared.Length, "every family assembly is referenced by the table: " + declared.Length);
    }
}
