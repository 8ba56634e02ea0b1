namespace FlaxGuard.Engine.Appliance
{
    /// <summary>The platform's view of the LAN's link layer (Linux: the neighbour table and IEEE's OUI registry); the dongle has none.</summary>
    public interface INeighbourTable
    {
        /// <summary>Reads the table again: called after each discovery round, whose sweep filled it.</summary>
        void Refresh();

        /// <summary>The MAC of the address ("aa:bb:cc:dd:ee:ff", any case), or null.</summary>
        string MacOf(string address);

        /// <summary>The registered vendor of the address's MAC, or null.</summary>
        string VendorOf(string address);
    }
}
