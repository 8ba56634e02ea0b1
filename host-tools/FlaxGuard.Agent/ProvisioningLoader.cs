using FlaxGuard.Engine.Appliance;

namespace FlaxGuard.Agent;

/// <summary>Reads and parses the provisioning file, with one clear reason when it cannot be used.</summary>
public static class ProvisioningLoader
{
    public static ProvisioningFile Load(string path)
    {
        byte[] data;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new AgentSetupException($"the provisioning file '{path}' does not exist; create it with 'flaxguard agent add'");
            if (info.Length > ProvisioningFile.MaxFileBytes) throw new AgentSetupException($"the provisioning file '{path}' is larger than {ProvisioningFile.MaxFileBytes} bytes");
            data = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AgentSetupException($"cannot read the provisioning file '{path}': {e.Message}");
        }
        try
        {
            var file = ProvisioningFile.Parse(data, out var problem);
            return file ?? throw new AgentSetupException($"the provisioning file '{path}' cannot be used: {problem}");
        }
        finally
        {
            Array.Clear(data);
        }
    }
}
