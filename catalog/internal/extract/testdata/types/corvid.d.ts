declare module 'wix-demo-backend' {
    interface Events {
        /** An order was placed. */
        onOrderPlaced(event: Orders.OrderPlaced): void;
    }
    namespace Orders {
        /** An order placed on the site. */
        type OrderPlaced = {
            /** Order ID. */
            orderId: string;
            buyer: Buyer;
            lines: Orders.Line[];
            note?: string;
            /**
             * Status of the order.
             *  One of:
             *
             *  + `"Placed"`
             *  + `"Paid"`: paid in full.
             */
            status: string;
        };
        type Buyer = {
            email: string;
            address: Common.Address;
        };
        type Line = {
            sku: string;
            quantity: number;
        };
    }
    namespace Common {
        type Address = {
            city: string;
        };
    }
}
