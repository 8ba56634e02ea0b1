using System.Text;
using FlaxGuard.Engine.Baselines;

namespace FlaxGuard.Fuzz.Targets;

/// <summary>
/// <see cref="BaselineText.Parse"/> (a baseline file an owner edits, or one the host sends inside a job), whose one
/// documented refusal is <see cref="FormatException"/>. An accepted baseline must format and parse back the same.
/// </summary>
public sealed class BaselineTarget : IFuzzTarget
{
    public string Name => "baseline";

    public string Feeds => "baseline text (UTF-8) to BaselineText.Parse, then Format and Parse again";

    public bool Run(byte[] input)
    {
        Baseline baseline;
        try
        {
            baseline = BaselineText.Parse(Encoding.UTF8.GetString(input));
        }
        catch (FormatException)
        {
            return false;
        }
        Baseline back = BaselineText.Parse(BaselineText.Format(baseline));
        if (back.DeviceId != baseline.DeviceId || back.CreatedUnixSeconds != baseline.CreatedUnixSeconds || back.DigestHex() != baseline.DigestHex())
            throw new FuzzContractException("an accepted baseline does not survive Format and Parse");
        return true;
    }
}
