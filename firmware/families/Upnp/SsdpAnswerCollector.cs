using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Engine.Probes.Upnp
{
    /// <summary>
    /// Sorts the answers to one search: the checked device's first acceptable answer is kept and ends the
    /// wait; a malformed answer from the device ends it too (a device that sends garbage is not trusted for
    /// the rest); answers from other devices on the network are counted and otherwise ignored.
    /// </summary>
    public sealed class SsdpAnswerCollector : IDatagramReceiver
    {
        private readonly string _device;
        private readonly int _maxBytes;
        private string _searchTarget;

        public SsdpAnswerCollector(string deviceAddress, int maxBytes)
        {
            _device = deviceAddress;
            _maxBytes = maxBytes;
        }

        /// <summary>The device's acceptable answer, or null.</summary>
        public SsdpAnswer Answer { get; private set; }

        /// <summary>What was wrong with the device's answer, or null.</summary>
        public string Problem { get; private set; }

        /// <summary>Answers from other senders (other devices on the network).</summary>
        public int OtherSenders { get; private set; }

        /// <summary>True once the device has answered, well or badly.</summary>
        public bool Done
        {
            get { return Answer != null || Problem != null; }
        }

        /// <summary>Prepares for a search for <paramref name="searchTarget"/>; an earlier answer is kept.</summary>
        public void Expect(string searchTarget)
        {
            _searchTarget = searchTarget;
        }

        public bool Receive(string senderAddress, int senderPort, byte[] data, int offset, int count)
        {
            if (Done) return false;
            if (!UpnpUrl.SameHost(senderAddress, _device))
            {
                OtherSenders++;
                return true;
            }
            SsdpAnswer answer = SsdpAnswer.Parse(data, offset, count, _maxBytes);
            if (answer.Problem != null)
            {
                Problem = "its SSDP answer " + answer.Problem;
                return false;
            }
            if (answer.SearchTarget != _searchTarget)
            {
                Problem = "its SSDP answer names a different search target than the one asked for";
                return false;
            }
            Answer = answer;
            return false;
        }
    }
}
