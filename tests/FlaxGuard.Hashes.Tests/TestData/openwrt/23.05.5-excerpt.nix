# TEST DATA: an excerpt of astro/nix-openwrt-imagebuilder@4f6fbb41b cached-profiles/23.05.5.nix (MIT),
# two targets cut down to one profile each; values as in the mirror.
{
  ath79 = {
    generic = {
      arch_packages = "mips_24kc";
      metadata_version = 1;
      profiles = {
        tplink_archer-c7-v2 = {
          device_packages = [
            "kmod-usb2"
            "kmod-usb-ledtrig-usbport"
            "kmod-ath10k-ct"
            "ath10k-firmware-qca988x-ct"
          ];
          image_prefix = "openwrt-23.05.5-ath79-generic-tplink_archer-c7-v2";
          images = [
            {
              filesystem = "squashfs";
              name = "openwrt-23.05.5-ath79-generic-tplink_archer-c7-v2-squashfs-factory-us.bin";
              sha256 = "cdd93b7decaed7efbea599bc9a8d4a99f1f1f92718b2be52c08237ceeb5332ca";
              sha256_unsigned = "cdd93b7decaed7efbea599bc9a8d4a99f1f1f92718b2be52c08237ceeb5332ca";
              type = "factory-us";
            }
            {
              filesystem = "squashfs";
              name = "openwrt-23.05.5-ath79-generic-tplink_archer-c7-v2-squashfs-factory-eu.bin";
              sha256 = "bae9fa245d0b75c705e693f99387e8e90a4aacd0927cd78fe5514d78bd7845c7";
              sha256_unsigned = "bae9fa245d0b75c705e693f99387e8e90a4aacd0927cd78fe5514d78bd7845c7";
              type = "factory-eu";
            }
            {
              filesystem = "initramfs";
              name = "openwrt-23.05.5-ath79-generic-tplink_archer-c7-v2-initramfs-kernel.bin";
              sha256 = "f03af1f8398b3eee01e369147721e2806e692055fa5f90a066854bdbc19da35f";
              sha256_unsigned = "f03af1f8398b3eee01e369147721e2806e692055fa5f90a066854bdbc19da35f";
              type = "kernel";
            }
            {
              filesystem = "squashfs";
              name = "openwrt-23.05.5-ath79-generic-tplink_archer-c7-v2-squashfs-sysupgrade.bin";
              sha256 = "4e22524a1a59090d8f316ad48b13a61ab46f748d9b6215ec0926f9747369fcd5";
              sha256_unsigned = "cfa8e8a96b46b202851ecf9640f52d48f0b36b93f575a1b69cf7b0719b83b9b3";
              type = "sysupgrade";
            }
            {
              filesystem = "squashfs";
              name = "openwrt-23.05.5-ath79-generic-tplink_archer-c7-v2-squashfs-factory.bin";
              sha256 = "3b39ec6db254e9b1d8ae773c5195440d3b4256a3e2cfeada2d8f94769849ec68";
              sha256_unsigned = "3b39ec6db254e9b1d8ae773c5195440d3b4256a3e2cfeada2d8f94769849ec68";
              type = "factory";
            }
          ];
          supported_devices = [
            "tplink,archer-c7-v2"
            "archer-c7"
          ];
          titles = [
            {
              model = "Archer C7";
              variant = "v2";
              vendor = "TP-Link";
            }
          ];
        };
      };
      source_date_epoch = 1727094886;
      target = "ath79/generic";
      version_code = "r24106-10cc5fcd00";
      version_number = "23.05.5";
    };
  };
  ramips = {
    mt7621 = {
      arch_packages = "mipsel_24kc";
      metadata_version = 1;
      profiles = {
        ubnt_edgerouter-x-sfp = {
          device_packages = [
            "-wpad-basic-mbedtls"
            "-uboot-envtools"
            "kmod-i2c-algo-pca"
            "kmod-gpio-pca953x"
            "kmod-sfp"
          ];
          image_prefix = "openwrt-23.05.5-ramips-mt7621-ubnt_edgerouter-x-sfp";
          images = [
            {
              filesystem = "initramfs";
              name = "openwrt-23.05.5-ramips-mt7621-ubnt_edgerouter-x-sfp-initramfs-kernel.bin";
              sha256 = "8a5f9430486c57be8506f2ba248c533d10dfbf8dca5d73179ddcc638acff931c";
              sha256_unsigned = "8a5f9430486c57be8506f2ba248c533d10dfbf8dca5d73179ddcc638acff931c";
              type = "kernel";
            }
            {
              filesystem = "squashfs";
              name = "openwrt-23.05.5-ramips-mt7621-ubnt_edgerouter-x-sfp-squashfs-sysupgrade.bin";
              sha256 = "daf6816666dbcbe0e5be19a9ff32db2111d84370fdfb1c0106578866cfb2e69a";
              sha256_unsigned = "c2ef28bea7a2270f259fecec151d89d7ebe09f32d9701345008c55a5ef595f4f";
              type = "sysupgrade";
            }
          ];
          supported_devices = [
            "ubnt,edgerouter-x-sfp"
            "ubnt-erx-sfp"
            "ubiquiti,edgerouterx-sfp"
          ];
          titles = [
            {
              model = "EdgeRouter X SFP";
              vendor = "Ubiquiti";
            }
            {
              model = "EdgePoint R6";
              vendor = "Ubiquiti";
            }
          ];
        };
      };
      source_date_epoch = 1727094886;
      target = "ramips/mt7621";
      version_code = "r24106-10cc5fcd00";
      version_number = "23.05.5";
    };
  };
}
