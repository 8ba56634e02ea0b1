namespace FlaxGuard.Engine.Appliance
{
    /// <summary>The platform's view of the LAN's link layer (Linux: the neighbour table and IEEE's OUI registry); the dongle has none.</summary>
    public interface INeighbourTable
    {
        /// <summary>"aa:bb:cc:dd:ee:ff" of the address, or null.</summary>
        string MacOf(string address);

        /// <summary>The registered vendor of the address's MAC, or null.</summary>
        string VendorOf(string address);
    }
}
