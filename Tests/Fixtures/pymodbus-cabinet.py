#!/usr/bin/env python3
"""An independent Modbus TCP peer for the gateway (pymodbus), laid out like `spd-sim cabinet --unit 1:io-8:2
--unit 2:weight-16:2`: unit 1 carries doors on discrete inputs 0-1; unit 2 carries two weighing channels as
int32 ABCD x 0.01 g in input registers 0-3 and status words (bit 15 = data OK) at 64-65.

Usage: pymodbus-cabinet.py PORT. Prints "listening on PORT" once the server accepts connections.
Both doors read closed; lock coils 0-7 accept writes; channel 1 holds 400.00 g, channel 2 -12.50 g. The values are static: pymodbus
3.16's deprecated datastore cannot be changed while serving, and a fixed image is all this peer has to prove.
"""
import asyncio
import logging
import sys

from pymodbus.datastore import ModbusDeviceContext, ModbusSequentialDataBlock, ModbusServerContext
from pymodbus.server import StartAsyncTcpServer

logging.disable(logging.WARNING)  # pymodbus warns that the datastore API is deprecated in v4.

port = int(sys.argv[1])


def int32_abcd(grams):
    raw = int(round(grams / 0.01)) & 0xFFFFFFFF
    return [raw >> 16, raw & 0xFFFF]


registers = int32_abcd(400.0) + int32_abcd(-12.5)
registers += [0] * (64 - len(registers)) + [0x8000, 0x8000]
# pymodbus's datastore is offset by one: a block starting at 1 holds protocol address 0.
io = ModbusDeviceContext(di=ModbusSequentialDataBlock(1, [False] * 8), co=ModbusSequentialDataBlock(1, [False] * 8))
scale = ModbusDeviceContext(ir=ModbusSequentialDataBlock(1, registers))
context = ModbusServerContext(devices={1: io, 2: scale}, single=False)


async def announce():
    while True:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            print(f"listening on {port}", flush=True)
            return
        except OSError:
            await asyncio.sleep(0.02)


async def main():
    asyncio.get_running_loop().create_task(announce())
    await StartAsyncTcpServer(context, address=("127.0.0.1", port))


asyncio.run(main())
